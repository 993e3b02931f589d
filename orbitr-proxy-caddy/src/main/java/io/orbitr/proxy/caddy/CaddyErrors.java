package io.orbitr.proxy.caddy;

/**
 * Reads the {@code error} member of the admin API's error body, {@code {"error": "..."}}, without a JSON library
 * (this module depends on orbitr-api only). Falls back to the raw body when it is not that shape.
 */
final class CaddyErrors {
    private static final int MAX = 2000;

    private CaddyErrors() {
    }

    /** @return Caddy's error text, unescaped, at most 2,000 characters */
    static String message(String body) {
        int key = body.indexOf("\"error\"");
        int colon = key < 0 ? -1 : body.indexOf(':', key + 7);
        int open = colon < 0 ? -1 : body.indexOf('"', colon + 1);
        if (open < 0) {
            return shorten(body.strip());
        }
        StringBuilder text = new StringBuilder();
        for (int i = open + 1; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                return shorten(text.toString());
            }
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                switch (next) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'u' -> {
                        if (i + 4 < body.length()) {
                            text.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                    }
                    default -> text.append(next);
                }
            } else {
                text.append(c);
            }
        }
        return shorten(body.strip());
    }

    private static String shorten(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "...";
    }
}
