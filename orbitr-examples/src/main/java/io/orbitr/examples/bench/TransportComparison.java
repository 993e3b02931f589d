package io.orbitr.examples.bench;

import io.orbitr.examples.launcher.Launcher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench health --transport both}: runs the same load once per HTTP transport, each in a fresh child JVM (so
 * neither inherits the other's JIT, heap or threads), alternating over the rounds, and prints each run's figures
 * prefixed with its transport, then {@code ratio orbitr/jdk cpu}: CPU time per completed check, summed over the
 * rounds. Per check rather than per second, so that a run that falls behind on a busy machine (and so does less work)
 * does not look cheaper; when both keep up, the two are the same.
 */
final class TransportComparison {
    private static final String CPU = "figure cpu cores = ";
    private static final String CHECKS = "figure checks per second = ";

    /** What one child measured. */
    private record Run(double cpuCores, double checksPerSecond) {
        double cpuMicrosPerCheck() {
            return cpuCores / checksPerSecond * 1e6;
        }
    }

    private final List<String> loadOptions;
    private final int rounds;

    /**
     * @param loadOptions the options that define the load, passed to each child unchanged
     * @param rounds      pairs of runs
     */
    TransportComparison(List<String> loadOptions, int rounds) {
        this.loadOptions = List.copyOf(loadOptions);
        this.rounds = rounds;
    }

    /** @return the exit code: 0, or the first failing child's */
    int run() throws IOException, InterruptedException {
        Figures figures = new Figures(System.out);
        double orbitrCpu = 0;
        double jdkCpu = 0;
        double orbitrPerCheck = 0;
        double jdkPerCheck = 0;
        for (int round = 1; round <= rounds; round++) {
            // Alternate which goes first, so a machine getting busier or quieter does not favour one.
            List<String> order = round % 2 == 1 ? List.of("orbitr", "jdk") : List.of("jdk", "orbitr");
            for (String transport : order) {
                System.err.printf("orbitr bench health: round %d of %d, transport %s%n", round, rounds, transport);
                Run run = child(transport);
                if (run == null) {
                    return 1;
                }
                if (transport.equals("orbitr")) {
                    orbitrCpu += run.cpuCores();
                    orbitrPerCheck += run.cpuMicrosPerCheck();
                } else {
                    jdkCpu += run.cpuCores();
                    jdkPerCheck += run.cpuMicrosPerCheck();
                }
            }
        }
        figures.figure("orbitr cpu cores mean", orbitrCpu / rounds);
        figures.figure("jdk cpu cores mean", jdkCpu / rounds);
        figures.figure("orbitr cpu us per check mean", orbitrPerCheck / rounds);
        figures.figure("jdk cpu us per check mean", jdkPerCheck / rounds);
        figures.ratio("orbitr/jdk", "cpu", orbitrPerCheck / jdkPerCheck);
        return 0;
    }

    /** @return what the child measured, or null when it failed */
    private Run child(String transport) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "bench",
                "health", "--transport", transport));
        command.addAll(loadOptions);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        double cpu = -1;
        double checks = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // "figure cpu cores = 0.674" becomes "figure orbitr cpu cores = 0.674".
                System.out.println(line.startsWith("figure ") ? "figure " + transport + " "
                        + line.substring("figure ".length()) : line);
                if (line.startsWith(CPU)) {
                    cpu = Double.parseDouble(line.substring(CPU.length()).trim());
                } else if (line.startsWith(CHECKS)) {
                    checks = Double.parseDouble(line.substring(CHECKS.length()).trim());
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || cpu < 0 || checks <= 0) {
            System.err.printf(Locale.ROOT, "orbitr bench health: the %s run failed (exit %d)%n", transport, exit);
            return null;
        }
        return new Run(cpu, checks);
    }
}
