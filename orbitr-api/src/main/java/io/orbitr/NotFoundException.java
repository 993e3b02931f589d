package io.orbitr;

/** Something the caller named does not exist, for example {@code no such container web-1}. */
public class NotFoundException extends OrbitrException {
    private static final long serialVersionUID = 1L;

    /**
     * @param kind what was looked for ({@code container}, {@code route}, {@code instance})
     * @param name the name or id the caller gave
     */
    public NotFoundException(String kind, String name) {
        super("no such " + kind + " " + InvalidValueException.printable(name));
    }

    /**
     * @param kind  what was looked for
     * @param name  the name or id the caller gave
     * @param cause the underlying failure
     */
    public NotFoundException(String kind, String name, Throwable cause) {
        super("no such " + kind + " " + InvalidValueException.printable(name), cause);
    }
}
