package io.orbitr.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs every test of a class once per store (H2, then PostgreSQL), each test with a fresh store: the class takes
 * the store in a {@code @Parameter TestStore store} field, and after each test its PostgreSQL schema is dropped, so
 * the next test's {@link TestStore#settings()} creates a new one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@ArgumentsSource(TestStores.class)
@ExtendWith(TestStores.class)
public @interface OnEveryStore {
}
