package io.orbitr.jdclient.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogSignalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Job declarator client starting... setting up subsystems|STARTING|PENDING",
        "Waiting for initial template and prevhash from Template Provider...|WAITING_FOR_TEMPLATE|PENDING",
        "Is the Bitcoin node undergoing IBD?|WAITING_FOR_TEMPLATE|PENDING",
        "Required template data received, ready to accept connections|READY|UP",
        "Starting downstream server at 0.0.0.0:34265|READY|UP",
        "Trying upstream 1 of 2: pool=75.119.150.111:3333, jds=75.119.150.111:3334|CONNECTING|PENDING",
        "Connected to upstream at 75.119.150.111:3333|CONNECTED|UP",
        "Received: SetupConnectionSuccess(used_version: 2, flags: 0x00000000)|CONNECTED|UP",
        "Job declarator: SV2 handshake completed successfully.|CONNECTED|UP",
        "Attempt 2/3 failed for pool=1.2.3.4:3333, jds=1.2.3.4:3334: Connection refused|UPSTREAM_TROUBLE|PENDING",
        "Max retries reached for pool=1.2.3.4:3333, jds=1.2.3.4:3334, moving to next upstream|UPSTREAM_TROUBLE|PENDING",
        "Upstream/Job Declarator connection dropped — attempting reconnection...|UPSTREAM_TROUBLE|PENDING",
        "All upstreams failed after 3 retries each|ALL_UPSTREAMS_FAILED|DOWN",
        "Upstream initialization failed; falling back to solo mining mode|SOLO_FALLBACK|PENDING",
        "Failed to create BitcoinCoreToSv2: connection refused|TEMPLATE_PROVIDER_FAILED|DOWN",
        "Failed to bind downstream server at 0.0.0.0:34265|BIND_FAILED|DOWN",
        "InvalidCertificate(\"not yet valid\")|INVALID_CERTIFICATE|DOWN",
        "panic: index out of bounds|PANIC|DOWN",
        "thread 'main' panicked at src/lib.rs:42:9:|PANIC|DOWN",
        "Job Declarator Client config error: missing field `upstreams`|CONFIG_ERROR|DOWN",
        "JD Client shutdown complete.|SHUT_DOWN|DOWN",
    })
    void readsJdClientsRealLines(String message, LogSignal signal, String status) {
        assertThat(LogSignal.of(message)).contains(signal);
        assertThat(signal.status().name()).isEqualTo(status);
    }

    @Test
    void ignoresOrdinaryLines() {
        assertThat(LogSignal.of("New template received: 123")).isEmpty();
    }
}
