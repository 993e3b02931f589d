package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.examples.launcher.StoreOptions;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orbitr user}: manages the server's accounts while it is stopped (the API does it while it runs). */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the server's accounts.",
        subcommands = {UserCommand.Add.class})
public final class UserCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (add)");
    }

    /** {@code orbitr user add NAME --role ROLE}: the password is read from the terminal, or stdin. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account (bcrypt-hashed password).")
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The login name.")
        private String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, operator or viewer.")
        private String role;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
        private boolean passwordFromStdin;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Orbitr keeps its files (default: ${DEFAULT-VALUE}).")
        private Path dataDirectory = Path.of("orbitr-data");

        @CommandLine.Mixin
        private StoreOptions storeOptions = new StoreOptions();

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Role parsed = Role.parse(role);
            Accounts.requireName("NAME", name);
            String password = password();
            Passwords.check(password);
            try (JdbcStore store = ServerStore.open(dataDirectory, storeOptions.settings())) {
                Account account = new Accounts(store, Clock.systemUTC()).create(name, parsed, password);
                spec.commandLine().getOut().println("created " + account.role().label() + " '" + account.name() + "'");
            }
            return 0;
        }

        private String password() throws IOException {
            if (passwordFromStdin) {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new InvalidValueException("password", "(empty stdin)", "must be given on stdin");
                }
                return line;
            }
            Console console = System.console();
            if (console == null) {
                throw new InvalidValueException("password", "(no terminal)",
                        "must be typed at a terminal, or given with --password-stdin");
            }
            char[] first = console.readPassword("Password for %s: ", name);
            char[] second = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, second)) {
                throw new InvalidValueException("password", "(hidden)", "the two entries differ");
            }
            return new String(first);
        }
    }
}
