package io.orbitr.core.extension;

import io.orbitr.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The only substitution a manifest knows: {@code ${inputs.NAME}}, {@code ${exports.ID.NAME}} and the built-ins
 * ({@code ${ORBITR_DOMAIN}}, {@code ${EXTENSION_ID}}, {@code ${EXTENSION_DATA}}, and in health check options
 * {@code ${MAIN_HOST}}). {@code $$} writes one {@code $}. Anything else that Compose would substitute ({@code $VAR},
 * {@code ${VAR:-default}}) is refused, as it would silently read Orbitr's own environment.
 */
final class Interpolation {
    /** Built-ins available everywhere. */
    static final Set<String> BUILT_INS = Set.of("ORBITR_DOMAIN", "EXTENSION_ID", "EXTENSION_DATA");
    /** The built-in only health check options and exports may use. */
    static final String MAIN_HOST = "MAIN_HOST";

    private Interpolation() {
    }

    /**
     * @param text a value
     * @return the names referenced, as written between the braces
     * @throws IllegalArgumentException naming the first bad reference
     */
    static List<String> references(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                i++;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
                i += 2;
                continue;
            }
            if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'${' without a closing '}'");
                }
                out.add(text.substring(i + 2, end));
                i = end + 1;
                continue;
            }
            if (i + 1 < text.length() && (Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '_')) {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                throw new IllegalArgumentException("'" + text.substring(i, end) + "' is not substituted: write"
                        + " ${inputs." + text.substring(i + 1, end) + "} for an input, or $$ for a literal $");
            }
            i++;
        }
        return out;
    }

    /**
     * @param text   a value
     * @param values every reference's value, keyed as written between the braces
     * @return the value with every reference replaced and {@code $$} made {@code $}
     * @throws InvalidValueException when a reference has no value
     */
    static String apply(String text, Map<String, String> values) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i);
                String name = text.substring(i + 2, end);
                String value = values.get(name);
                if (value == null) {
                    throw new InvalidValueException("reference", "${" + name + "}", "has no value at install");
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
