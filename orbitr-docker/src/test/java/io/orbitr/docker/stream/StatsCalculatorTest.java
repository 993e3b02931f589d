package io.orbitr.docker.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import io.orbitr.stream.StatsSample;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatsCalculatorTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** An answer of the engine's stats endpoint, as cgroup v1 gives it (shortened). */
    private static final String V1 = """
            {"read":"2026-11-22T14:50:57.692581106Z","pids_stats":{"current":3},
             "blkio_stats":{"io_service_bytes_recursive":[{"major":8,"minor":0,"op":"Read","value":4096},
                {"major":8,"minor":0,"op":"Write","value":8192},{"major":8,"minor":0,"op":"Total","value":12288}]},
             "cpu_stats":{"cpu_usage":{"total_usage":2031880945,"percpu_usage":[1070043029,961837916]},
                "system_cpu_usage":1797120000000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":1033903080},"system_cpu_usage":1795130000000,"online_cpus":2},
             "memory_stats":{"usage":10000000,"stats":{"cache":4000000,"total_inactive_file":4000000,"inactive_file":1000000},
                "limit":25000000},
             "networks":{"eth0":{"rx_bytes":646,"tx_bytes":10},"eth1":{"rx_bytes":4,"tx_bytes":5}}}
            """;

    private static Statistics statistics(String json) throws Exception {
        return JSON.readValue(json, Statistics.class);
    }

    @Test
    void computesTheSampleAsDockerStatsDoes() throws Exception {
        StatsSample sample = StatsCalculator.sample(statistics(V1), Instant.EPOCH);

        assertThat(sample.timestamp()).isEqualTo(Instant.parse("2026-11-22T14:50:57.692581106Z"));
        // (2031880945 - 1033903080) / (1797120000000 - 1795130000000) * 2 * 100
        assertThat(sample.cpuPercent()).isCloseTo(100.299, within(0.001));
        assertThat(sample.memoryUsedBytes()).isEqualTo(6_000_000);
        assertThat(sample.memoryLimitBytes()).isEqualTo(25_000_000);
        assertThat(sample.memoryPercent()).isCloseTo(24.0, within(1e-9));
        assertThat(sample.networkRxBytes()).isEqualTo(650);
        assertThat(sample.networkTxBytes()).isEqualTo(15);
        assertThat(sample.blockReadBytes()).isEqualTo(4096);
        assertThat(sample.blockWriteBytes()).isEqualTo(8192);
        assertThat(sample.pids()).isEqualTo(3);
    }

    @Test
    void shmPagesCountAsUsedAsInDockerStatsNotAsCache() throws Exception {
        // cgroup v1 with 50 MB in /dev/shm: cache holds it, total_inactive_file does not.
        Statistics shm = statistics("""
                {"read":"2026-11-22T14:50:57Z","memory_stats":{"usage":60000000,
                 "stats":{"cache":52000000,"total_cache":52000000,"total_inactive_file":1000000,"inactive_file":1000000,
                 "shmem":50000000},"limit":100000000}}
                """);

        assertThat(StatsCalculator.sample(shm, Instant.EPOCH).memoryUsedBytes()).isEqualTo(59_000_000);
    }

    @Test
    void onCgroupV2TheInactiveFilePagesAreTheCache() throws Exception {
        Statistics v2 = statistics("""
                {"read":"2026-11-22T14:50:57Z","memory_stats":{"usage":10000000,
                 "stats":{"inactive_file":1500000,"file":3000000},"limit":20000000}}
                """);

        assertThat(StatsCalculator.sample(v2, Instant.EPOCH).memoryUsedBytes()).isEqualTo(8_500_000);
    }

    @Test
    void theFirstSampleOfAStreamHasNoCpuFigureAndAStoppedContainerIsNotLive() throws Exception {
        Statistics first = statistics("""
                {"read":"2026-11-22T14:50:57Z","cpu_stats":{"cpu_usage":{"total_usage":5},"system_cpu_usage":9,
                 "online_cpus":2},"precpu_stats":{"cpu_usage":{"total_usage":0}}}
                """);
        Statistics stopped = statistics("""
                {"read":"0001-01-01T00:00:00Z","preread":"0001-01-01T00:00:00Z","pids_stats":{}}
                """);

        assertThat(StatsCalculator.sample(first, Instant.EPOCH).cpuPercent()).isZero();
        assertThat(StatsCalculator.hasPreviousRead(first)).as("the stream skips it").isFalse();
        assertThat(StatsCalculator.hasPreviousRead(statistics(V1))).isTrue();
        assertThat(StatsCalculator.isLive(first)).isTrue();
        assertThat(StatsCalculator.isLive(stopped)).isFalse();
    }
}
