package io.orbitr.core.backup;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifest's {@code storeFormat}: how the store part was written, and so where it can be restored. An embedded
 * H2 file is written by H2's {@code BACKUP} ({@code h2 2.3.232 BACKUP}); a PostgreSQL schema by {@code pg_dump}
 * ({@code postgresql 15.18 pg_dump custom schema orbitr}: the dump's tables carry the schema's name, so it is
 * restored into a schema of that name).
 *
 * @param kind   which database wrote it
 * @param text   the manifest's text
 * @param schema the PostgreSQL schema the dump holds; empty for H2
 */
record StoreFormat(Kind kind, String text, Optional<String> schema) {
    private static final Pattern POSTGRESQL = Pattern.compile("postgresql (\\S+) pg_dump custom schema ("
            + PostgresqlLogin.PLAIN_SCHEMA.pattern() + ")");

    /** Which database wrote a store part. */
    enum Kind {
        /** The embedded H2 file. */
        H2("an H2 store"),
        /** A PostgreSQL schema. */
        POSTGRESQL("a PostgreSQL store"),
        /** A format this Orbitr does not know. */
        OTHER("a store of unknown format");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** @return how messages name it */
        String label() {
            return label;
        }
    }

    StoreFormat {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(schema, "schema");
    }

    /** @param version H2's version @return the format of an H2 {@code BACKUP} */
    static StoreFormat h2(String version) {
        return new StoreFormat(Kind.H2, "h2 " + version + " BACKUP", Optional.empty());
    }

    /**
     * @param serverVersion the PostgreSQL server's version
     * @param schema        the schema dumped
     * @return the format of a {@code pg_dump --format=custom} of that schema
     */
    static StoreFormat postgresql(String serverVersion, String schema) {
        return new StoreFormat(Kind.POSTGRESQL, "postgresql " + serverVersion + " pg_dump custom schema " + schema,
                Optional.of(schema));
    }

    /** @param text a manifest's {@code storeFormat} @return what it says */
    static StoreFormat parse(String text) {
        if (text.startsWith("h2 ")) {
            return new StoreFormat(Kind.H2, text, Optional.empty());
        }
        Matcher postgresql = POSTGRESQL.matcher(text);
        if (postgresql.matches()) {
            return new StoreFormat(Kind.POSTGRESQL, text, Optional.of(postgresql.group(2)));
        }
        return new StoreFormat(Kind.OTHER, text, Optional.empty());
    }

    /** @return how messages name it, for example {@code a PostgreSQL store (postgresql 15.18 pg_dump custom ...)} */
    String describe() {
        return kind.label() + " (" + text + ")";
    }
}
