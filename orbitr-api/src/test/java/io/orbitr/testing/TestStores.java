package io.orbitr.testing;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Gives a store-backed test every store: H2 and PostgreSQL, each a fresh database or schema, dropped after. Only
 * store-backed tests run twice, not the whole suite. On a class, {@link OnEveryStore}:
 *
 * <pre>{@code
 * @OnEveryStore
 * class RouteStoreTest {
 *     @Parameter TestStore store;
 *     ... Orbitr.builder().store(store.settings()) ...
 * }
 * }</pre>
 *
 * or on one method: {@code @ParameterizedTest @ArgumentsSource(TestStores.class) void x(TestStore store)}. JUnit
 * closes each {@link TestStore} after its run, which drops the PostgreSQL schema; as an extension, this also
 * closes the test instance's {@link TestStore} fields after each test, so every test starts on an empty store.
 */
public final class TestStores implements ArgumentsProvider, BeforeEachCallback, AfterEachCallback {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return Stream.of(TestStore.Kind.values()).map(kind -> Arguments.of(new TestStore(kind)));
    }

    /**
     * Opens the PostgreSQL schema before the test's own {@code @BeforeEach} methods, so that a PostgreSQL that does
     * not answer skips (or, under {@code CI=true}, fails) the test before anything half-opens.
     */
    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (TestStore store : stores(context.getRequiredTestInstance())) {
            if (store.isPostgresql()) {
                store.settings();
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        for (TestStore store : stores(context.getRequiredTestInstance())) {
            store.close();
        }
    }

    private static List<TestStore> stores(Object instance) throws IllegalAccessException {
        List<TestStore> stores = new ArrayList<>();
        for (Class<?> type = instance.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == TestStore.class) {
                    field.setAccessible(true);
                    Object store = field.get(instance);
                    if (store != null) {
                        stores.add((TestStore) store);
                    }
                }
            }
        }
        return stores;
    }
}
