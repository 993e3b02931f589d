package io.orbitr.proxy;

import io.orbitr.InvalidValueException;
import java.util.Objects;

/**
 * One generated configuration file.
 *
 * @param fileName the file's name, without directories (for example {@code orbitr.yml}, {@code Caddyfile})
 * @param content  the file's text
 */
public record ProxyFile(String fileName, String content) {

    /** Refuses names that would leave the output directory. */
    public ProxyFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidValueException("fileName", fileName, "must be a plain file name");
        }
    }
}
