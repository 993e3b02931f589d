package io.orbitr.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README quotes the example classes word for word, imports included, so what it shows is what compiles. */
class ReadmeExamplesTest {

    @Test
    void theHealthMonitoringExampleIsQuotedAsCompiled() throws Exception {
        assertQuoted("HealthMonitoringExample");
    }

    @Test
    void theStoreAndLeaseExamplesAreQuotedAsCompiled() throws Exception {
        assertQuoted("PostgresqlStoreExample");
        assertQuoted("LeasesExample");
    }

    @Test
    void theLiveLogsExampleIsQuotedAsCompiled() throws Exception {
        assertQuoted("LiveLogsExample");
    }

    @Test
    void theProxyRoutesExampleIsQuotedAsCompiled() throws Exception {
        assertQuoted("ProxyRoutesExample");
    }

    private static void assertQuoted(String name) throws Exception {
        Path readme = Path.of("..", "README.md");
        Path example = Path.of("src/main/java/io/orbitr/examples/readme/" + name + ".java");
        String text = Files.readString(readme);
        List<String> lines = Files.readAllLines(example);
        List<String> imports = lines.stream().filter(l -> l.startsWith("import ")).toList();
        int from = lines.indexOf(lines.stream().filter(l -> l.contains("try (Orbitr orbitr")).findFirst()
                .orElseThrow());
        List<String> body = lines.subList(from, lines.size() - 2).stream()
                .map(l -> l.length() >= 8 ? l.substring(8) : l.strip()).toList();

        assertThat(text).contains(String.join("\n", imports) + "\n\n" + String.join("\n", body) + "\n```");
    }
}
