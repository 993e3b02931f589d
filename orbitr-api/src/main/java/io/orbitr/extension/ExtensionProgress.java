package io.orbitr.extension;

/** Hears the steps of a long extension operation (an install pulls images and waits for health). */
@FunctionalInterface
public interface ExtensionProgress {
    /** Hears nothing. */
    ExtensionProgress NONE = (id, step) -> { };

    /**
     * Called on the working thread; must return fast and not throw.
     *
     * @param extensionId the extension
     * @param step        what is being done, in the user's words
     */
    void step(String extensionId, String step);
}
