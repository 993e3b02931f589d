package io.orbitr.examples.bench;

import io.orbitr.core.health.check.HttpCheckProvider;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;

/** {@code bench health --transport}: one HTTP client, or both compared. */
enum TransportChoice {
    ORBITR, JDK, BOTH;

    /** @return the provider's transport; BOTH has none of its own */
    HttpCheckProvider.Transport transport() {
        if (this == BOTH) {
            throw new IllegalStateException("both transports run in child processes");
        }
        return HttpCheckProvider.Transport.valueOf(name());
    }

    /** Reads {@code orbitr}, {@code jdk} or {@code both}, in any case. */
    static final class Converter implements CommandLine.ITypeConverter<TransportChoice> {
        @Override
        public TransportChoice convert(String value) {
            try {
                return TransportChoice.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("invalid --transport '" + value + "': must be one of "
                        + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
    }
}
