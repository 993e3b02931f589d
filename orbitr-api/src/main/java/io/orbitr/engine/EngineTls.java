package io.orbitr.engine;

import io.orbitr.InvalidValueException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The client side of a TLS connection to an engine that listens on {@code tcp://} with {@code --tlsverify}: the CA
 * that signed the engine's certificate, and the client certificate and key the engine asks for. All three are PEM
 * files, read when the endpoint is first used.
 *
 * @param caCertificate     the CA certificate ({@code ca.pem}) the engine's certificate must chain to
 * @param clientCertificate the client certificate ({@code cert.pem})
 * @param clientKey         the client's private key ({@code key.pem})
 */
public record EngineTls(Path caCertificate, Path clientCertificate, Path clientKey) {

    /** Refuses missing paths. */
    public EngineTls {
        Objects.requireNonNull(caCertificate, "caCertificate");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
    }

    /**
     * The three files in one directory, named as Docker names them in {@code DOCKER_CERT_PATH}: {@code ca.pem},
     * {@code cert.pem} and {@code key.pem}.
     *
     * @param directory the directory
     * @return the TLS files
     */
    public static EngineTls inDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (directory.toString().isBlank()) {
            throw new InvalidValueException("tls", directory, "must be a directory holding ca.pem, cert.pem, key.pem");
        }
        return new EngineTls(directory.resolve("ca.pem"), directory.resolve("cert.pem"), directory.resolve("key.pem"));
    }
}
