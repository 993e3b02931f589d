package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.examples.launcher.StoreOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orbitr token}: API tokens for scripts, created while the server is stopped (the API does it while it runs). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage the server's API tokens.",
        subcommands = {TokenCommand.Create.class})
public final class TokenCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (create)");
    }

    /** {@code orbitr token create NAME --role ROLE [--expires DURATION]}: prints the secret once. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a bearer token; its secret is printed once and stored hashed.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "What the token is for.")
        private String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, operator or viewer.")
        private String role;

        @Option(names = "--expires", paramLabel = "DURATION",
                description = "How long it works: 90d, 12h, 30m, or ISO-8601 (PT12H); default never.")
        private String expires;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Orbitr keeps its files (default: ${DEFAULT-VALUE}).")
        private Path dataDirectory = Path.of("orbitr-data");

        @CommandLine.Mixin
        private StoreOptions storeOptions = new StoreOptions();

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Role parsed = Role.parse(role);
            Accounts.requireName("NAME", name);
            Optional<Duration> lifetime = Optional.ofNullable(expires).map(Create::duration);
            try (JdbcStore store = ServerStore.open(dataDirectory, storeOptions.settings())) {
                ApiToken token = new Accounts(store, Clock.systemUTC()).createToken(name, parsed, lifetime);
                PrintWriter out = spec.commandLine().getOut();
                out.println(token.token().orElseThrow());
                out.println("# " + parsed.label() + " token '" + name + "' (id " + token.id() + ")"
                        + token.expiresAt().map(at -> ", expires " + at).orElse(", never expires")
                        + ". Shown once: keep it now.");
            }
            return 0;
        }

        static Duration duration(String text) {
            String lower = text.trim().toLowerCase(Locale.ROOT);
            try {
                if (lower.matches("\\d+[dhms]")) {
                    long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                    return switch (lower.charAt(lower.length() - 1)) {
                        case 'd' -> Duration.ofDays(amount);
                        case 'h' -> Duration.ofHours(amount);
                        case 'm' -> Duration.ofMinutes(amount);
                        default -> Duration.ofSeconds(amount);
                    };
                }
                return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new InvalidValueException("expires", text, "must be like 90d, 12h, 30m or PT12H");
            }
        }
    }
}
