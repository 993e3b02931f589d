package io.orbitr.store;

/**
 * The embedded H2 store.
 *
 * @param inMemory a private in-memory database instead of the file {@code orbitr.mv.db} under the data directory
 */
public record H2Settings(boolean inMemory) implements StoreSettings {

    @Override
    public String kind() {
        return "h2";
    }
}
