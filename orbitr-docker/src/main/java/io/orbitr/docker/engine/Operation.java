package io.orbitr.docker.engine;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * One engine call as the user would name it, so that an error can say what failed and about what:
 * {@code stop container web-1}, {@code list networks}.
 *
 * @param verb    what the call does, for example {@code stop}
 * @param kind    the kind of object, for example {@code container}
 * @param subject the name or id the caller gave; empty for calls about no one object
 */
record Operation(String verb, String kind, String subject) {

    Operation {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
    }

    /**
     * @param kind    the kind of object, for example {@code container}
     * @param subject the name or id the caller gave, refused when blank
     * @param verb    what the call does
     * @return the operation
     */
    static Operation on(String kind, String subject, String verb) {
        return new Operation(verb, kind, require(kind, subject));
    }

    /** Refuses a missing or blank name before the engine is asked, naming what it should have been. */
    static String require(String kind, String subject) {
        Objects.requireNonNull(subject, kind);
        if (subject.isBlank()) {
            throw new InvalidValueException(kind, subject, "must be a " + kind + " name or id");
        }
        return subject;
    }

    static Operation of(String verb, String what) {
        return new Operation(verb, what, "");
    }

    /** @return the call in words, for example {@code stop container web-1} */
    String what() {
        return kind.isEmpty() ? verb : verb + " " + object();
    }

    /** @return the object in words, for example {@code container web-1} */
    String object() {
        return subject.isEmpty() ? kind : kind + " " + subject;
    }
}
