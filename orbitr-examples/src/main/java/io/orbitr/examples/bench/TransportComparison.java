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
 * prefixed with its transport, then {@code ratio orbitr/jdk cpu} from the CPU cores summed over the rounds.
 */
final class TransportComparison {
    private static final String CPU = "figure cpu cores = ";

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
        for (int round = 1; round <= rounds; round++) {
            // Alternate which goes first, so a machine getting busier or quieter does not favour one.
            List<String> order = round % 2 == 1 ? List.of("orbitr", "jdk") : List.of("jdk", "orbitr");
            for (String transport : order) {
                System.err.printf("orbitr bench health: round %d of %d, transport %s%n", round, rounds, transport);
                double cpu = child(transport);
                if (cpu < 0) {
                    return 1;
                }
                if (transport.equals("orbitr")) {
                    orbitrCpu += cpu;
                } else {
                    jdkCpu += cpu;
                }
            }
        }
        figures.figure("orbitr cpu cores mean", orbitrCpu / rounds);
        figures.figure("jdk cpu cores mean", jdkCpu / rounds);
        figures.ratio("orbitr/jdk", "cpu", orbitrCpu / jdkCpu);
        return 0;
    }

    /** @return the child's CPU cores, or -1 when it failed */
    private double child(String transport) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "bench",
                "health", "--transport", transport));
        command.addAll(loadOptions);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        double cpu = -1;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // "figure cpu cores = 0.674" becomes "figure orbitr cpu cores = 0.674".
                System.out.println(line.startsWith("figure ") ? "figure " + transport + " "
                        + line.substring("figure ".length()) : line);
                if (line.startsWith(CPU)) {
                    cpu = Double.parseDouble(line.substring(CPU.length()).trim());
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || cpu < 0) {
            System.err.printf(Locale.ROOT, "orbitr bench health: the %s run failed (exit %d)%n", transport, exit);
            return -1;
        }
        return cpu;
    }
}
