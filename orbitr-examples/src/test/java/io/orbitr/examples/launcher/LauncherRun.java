package io.orbitr.examples.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the launcher with its output captured.
 *
 * @param exitCode the exit code
 * @param out      what it printed to standard output
 * @param err      what it printed to standard error
 */
public record LauncherRun(int exitCode, String out, String err) {

    /**
     * @param args the command line
     * @return what the launcher did
     */
    public static LauncherRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new LauncherRun(code, out.toString(), err.toString());
    }
}
