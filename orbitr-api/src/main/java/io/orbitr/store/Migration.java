package io.orbitr.store;

import io.orbitr.InvalidValueException;
import java.util.List;
import java.util.Objects;

/**
 * One versioned step of a component's schema. Migrations of one component are applied in version order, each in
 * its own transaction together with the bump of the recorded version, so a failed step leaves the database at the
 * previous version. Databases that commit DDL implicitly (H2, MySQL) cannot roll back a table change made before a
 * later statement of the same step failed: write DDL idempotently ({@code CREATE TABLE IF NOT EXISTS},
 * {@code ADD COLUMN IF NOT EXISTS}) so that the step succeeds when it is run again.
 *
 * @param version     the version this step brings the component to; versions start at 1 and have no gaps
 * @param description what the step does, for logs and errors
 * @param statements  the SQL statements, run in order (portable SQL: H2 is the default, other databases may be used)
 */
public record Migration(int version, String description, List<String> statements) {

    /** Validates and copies the statements. */
    public Migration {
        if (version < 1) {
            throw new InvalidValueException("version", version, "must be 1 or more");
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new InvalidValueException("statements", "[]", "a migration needs at least one statement");
        }
    }

    /**
     * @param version     the version this step brings the component to
     * @param description what the step does
     * @param statements  the SQL statements
     * @return the migration
     */
    public static Migration of(int version, String description, String... statements) {
        return new Migration(version, description, List.of(statements));
    }
}
