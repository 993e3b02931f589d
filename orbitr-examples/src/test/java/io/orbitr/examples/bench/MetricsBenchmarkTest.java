package io.orbitr.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on a small data set and prints its figures; speed is only measured by the command. */
class MetricsBenchmarkTest {

    @Test
    void printsEveryFigureForOneDayOfSamples() {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Launcher.run("bench", "metrics", "--days", "1", "--runs", "1")).isZero();
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("figure rows = 86400\n")
                .containsPattern("figure h2 ingest rows/s = [0-9.]+\n")
                .containsPattern("figure h2 hourly ms = [0-9.]+\n")
                .containsPattern("figure h2 daily ms = [0-9.]+\n")
                .containsPattern("figure sqlite hourly ms = [0-9.]+\n")
                .containsPattern("ratio h2/sqlite hourly = [0-9.]+\n");
    }
}
