package io.orbitr.core.backup;

import io.orbitr.UnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs PostgreSQL's own {@code pg_dump} and {@code pg_restore}, found on {@code PATH} (Debian's
 * {@value #PACKAGE} package), with the login in their environment, never on their command line. Every run is
 * bounded by a timeout after which the tool is killed; what a tool writes to its standard error is kept (its last
 * few kilobytes) for the message when it fails. Thread-safe.
 */
final class PostgresqlTools {
    /** The Debian package that brings the tools. */
    static final String PACKAGE = "postgresql-client";
    private static final Logger log = LoggerFactory.getLogger(PostgresqlTools.class);
    private static final int STDERR_KEPT = 8192;
    /** The TOC entries of the schema itself: the restore leaves the schema (and its owner, grants) as it finds it. */
    private static final Pattern SCHEMA_ENTRY = Pattern.compile("^\\d+; \\d+ \\d+ (SCHEMA -|ACL - SCHEMA|COMMENT -"
            + " SCHEMA) .*");

    private final Function<String, String> environment;
    private final Duration timeout;

    /**
     * @param environment reads this process's environment ({@code PATH}, where the tools are looked up)
     * @param timeout     how long one run may take before it is killed
     */
    PostgresqlTools(Function<String, String> environment, Duration timeout) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** @return the tools on this process's {@code PATH}, with a run bounded by six hours */
    static PostgresqlTools system() {
        return new PostgresqlTools(System::getenv, Duration.ofHours(6));
    }

    /**
     * @param tool {@code pg_dump} or {@code pg_restore}
     * @return its path
     * @throws UnavailableException naming the package to install when it is not on {@code PATH}
     */
    Path require(String tool) {
        String path = Optional.ofNullable(environment.apply("PATH")).orElse("");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new UnavailableException(tool + " is not on the PATH (" + path + "); backups of a PostgreSQL store use"
                + " PostgreSQL's own tools: install them (Debian: apt-get install " + PACKAGE + ", a version at least"
                + " the server's)");
    }

    /**
     * Streams {@code pg_dump --format=custom} of the login's schema into {@code out}: one consistent snapshot (the
     * tool reads in one repeatable-read transaction). The rows of {@code orbitr_leases} are left out (the table is
     * kept): they belong to the servers running now, and restored they would keep the restored store's jobs from
     * running until they lapsed.
     *
     * @throws IOException when the tool fails, with its message
     */
    void dump(PostgresqlLogin login, OutputStream out) throws IOException {
        List<String> command = List.of(require("pg_dump").toString(), "--format=custom", "--schema=" + login.schema(),
                "--exclude-table-data=" + login.schema() + ".orbitr_leases", "--no-owner", "--no-password",
                "--lock-wait-timeout=60s");
        run(command, login, out, Map.of());
    }

    /**
     * Restores a dump into the login's database in one transaction: the dump's tables replace the ones of the same
     * names ({@code --clean --if-exists}), or nothing changes when any statement fails. The schema's own entry is
     * left out, so that a schema that exists (empty, or {@code public}) is kept with its owner and grants.
     *
     * @param dump    the dump, as {@link #dump} wrote it
     * @param scratch a directory for the list of what is restored
     * @throws IOException when the tool fails, with its message
     */
    void restore(PostgresqlLogin login, Path dump, Path scratch) throws IOException {
        try {
            ByteArrayOutputStream listing = new ByteArrayOutputStream();
            run(List.of(require("pg_restore").toString(), "--list", dump.toString()), login, listing, Map.of());
            StringBuilder kept = new StringBuilder();
            for (String line : listing.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!SCHEMA_ENTRY.matcher(line).matches()) {
                    kept.append(line).append('\n');
                }
            }
            Path list = scratch.resolve("pg_restore.list");
            Files.writeString(list, kept);
            // A table a running server holds would make pg_restore wait for ever: it fails after a minute instead.
            run(List.of(require("pg_restore").toString(), "--clean", "--if-exists", "--single-transaction",
                    "--exit-on-error", "--no-owner", "--no-password", "--use-list=" + list,
                    "--dbname=" + login.databaseOrDefault(), dump.toString()), login, OutputStream.nullOutputStream(),
                    Map.of("PGOPTIONS", "-c lock_timeout=60s"));
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "; the database is unchanged (pg_restore runs in one transaction)",
                    e);
        }
    }

    private void run(List<String> command, PostgresqlLogin login, OutputStream out, Map<String, String> settings)
            throws IOException {
        String tool = Path.of(command.get(0)).getFileName().toString();
        log.debug("running {} for {}", command, login.where());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(login.environment());
        builder.environment().putAll(settings);
        Process process = builder.start();
        process.getOutputStream().close();
        AtomicBoolean timedOut = new AtomicBoolean();
        process.onExit().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> {
            if (process.isAlive()) {
                timedOut.set(true);
                process.destroyForcibly();
            }
            return process;
        });
        StderrTail stderr = new StderrTail(process.getErrorStream());
        Thread reader = new Thread(stderr, "orbitr-" + tool + "-stderr");
        reader.setDaemon(true);
        reader.start();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        int exit;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(tool + " did not finish within " + timeout);
            }
            exit = process.exitValue();
            reader.join(10_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(tool + " was interrupted", e);
        }
        if (timedOut.get()) {
            throw new IOException(tool + " did not finish within " + timeout + " and was killed");
        }
        if (exit != 0) {
            throw new IOException(tool + " failed (exit " + exit + ") for " + login.where() + ": " + stderr.text());
        }
        if (!stderr.text().isEmpty()) {
            log.info("{} for {} said: {}", tool, login.where(), stderr.text());
        }
    }

    /** Keeps the last few kilobytes a tool writes to its standard error. */
    private static final class StderrTail implements Runnable {
        private final InputStream in;
        private final StringBuilder kept = new StringBuilder();

        StderrTail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try (InputStream stream = in) {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    synchronized (kept) {
                        kept.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        if (kept.length() > STDERR_KEPT) {
                            kept.delete(0, kept.length() - STDERR_KEPT);
                        }
                    }
                }
            } catch (IOException e) {
                // The tool went away; what was read is kept.
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString().strip();
            }
        }
    }
}
