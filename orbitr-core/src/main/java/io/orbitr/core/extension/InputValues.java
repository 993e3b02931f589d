package io.orbitr.core.extension;

import io.orbitr.extension.ExtensionManifest;
import io.orbitr.extension.InputField;
import io.orbitr.extension.ManifestProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks an install's input values against the manifest's fields and fills in the defaults. */
final class InputValues {
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private InputValues() {
    }

    /**
     * @param manifest the manifest
     * @param given    the values given
     * @param problems where every problem goes ({@code inputs.NAME: ...})
     * @return every input's value (given, else default), without the ones that have neither
     */
    static Map<String, String> resolve(ExtensionManifest manifest, Map<String, String> given,
            List<ManifestProblem> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            if (manifest.inputs().stream().noneMatch(i -> i.name().equals(name))) {
                problems.add(new ManifestProblem("inputs." + name, "is not an input of " + manifest.id()
                        + "; its inputs are " + manifest.inputs().stream().map(InputField::name).toList()));
            }
        }
        for (InputField input : manifest.inputs()) {
            Optional<String> value = Optional.ofNullable(given.get(input.name())).or(input::defaultValue);
            if (value.isEmpty() || value.get().isEmpty()) {
                if (input.required()) {
                    problems.add(new ManifestProblem("inputs." + input.name(), "is required (" + input.label()
                            + "): give it with --set " + input.name() + "=VALUE"));
                }
                values.put(input.name(), "");
                continue;
            }
            check(input, value.get()).ifPresent(message -> problems.add(new ManifestProblem("inputs." + input.name(),
                    message)));
            values.put(input.name(), value.get());
        }
        return values;
    }

    /**
     * @param input a field
     * @param value a value for it
     * @return what is wrong with the value, or empty
     */
    static Optional<String> check(InputField input, String value) {
        String shown = input.secret() ? "(hidden)" : "'" + value + "'";
        switch (input.type()) {
            case NUMBER, PORT -> {
                double number;
                try {
                    number = Double.parseDouble(value.trim());
                } catch (NumberFormatException e) {
                    return Optional.of(shown + " must be a number");
                }
                if (input.type() == io.orbitr.extension.InputType.PORT
                        && (number != Math.rint(number) || number < 1 || number > 65535)) {
                    return Optional.of(shown + " must be a port 1-65535");
                }
                if (input.min().isPresent() && number < input.min().getAsDouble()) {
                    return Optional.of(shown + " must be at least " + format(input.min().getAsDouble()));
                }
                if (input.max().isPresent() && number > input.max().getAsDouble()) {
                    return Optional.of(shown + " must be at most " + format(input.max().getAsDouble()));
                }
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    return Optional.of(shown + " must be true or false");
                }
            }
            case SELECT -> {
                if (!input.options().contains(value)) {
                    return Optional.of(shown + " must be one of " + input.options());
                }
            }
            case HOSTNAME -> {
                if (!HOSTNAME.matcher(value).matches()) {
                    return Optional.of(shown + " must be a host name such as example.com");
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches()) {
                    return Optional.of(shown + " must be an e-mail address");
                }
            }
            case URL -> {
                try {
                    URI uri = new URI(value);
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                        return Optional.of(shown + " must be an http or https URL");
                    }
                } catch (URISyntaxException e) {
                    return Optional.of(shown + " must be an http or https URL");
                }
            }
            default -> {
                // text and password: the pattern below
            }
        }
        if (input.pattern().isPresent() && !Pattern.compile(input.pattern().get()).matcher(value).matches()) {
            return Optional.of(shown + " must match " + input.pattern().get());
        }
        if (value.chars().anyMatch(c -> c == 0 || c == '\n')) {
            return Optional.of("must be one line");
        }
        return Optional.empty();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    static List<ManifestProblem> none() {
        return new ArrayList<>();
    }
}
