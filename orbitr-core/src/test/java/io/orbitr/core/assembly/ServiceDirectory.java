package io.orbitr.core.assembly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code META-INF/services} files into a directory and gives a class loader that sees them. */
final class ServiceDirectory {
    private final Path root;

    ServiceDirectory(Path root) {
        this.root = root;
    }

    ServiceDirectory register(Class<?> spi, Class<?>... implementations) {
        Path file = root.resolve("META-INF/services/" + spi.getName());
        try {
            Files.createDirectories(file.getParent());
            StringBuilder lines = new StringBuilder(Files.exists(file) ? Files.readString(file) : "");
            for (Class<?> implementation : implementations) {
                lines.append(implementation.getName()).append('\n');
            }
            Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ServiceDirectory registerName(Class<?> spi, String className) {
        Path file = root.resolve("META-INF/services/" + spi.getName());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, className + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ClassLoader classLoader() {
        try {
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, ServiceDirectory.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
