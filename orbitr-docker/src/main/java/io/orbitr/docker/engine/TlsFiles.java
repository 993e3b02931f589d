package io.orbitr.docker.engine;

import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.core.util.CertificateUtils;
import io.orbitr.InvalidValueException;
import io.orbitr.engine.EngineTls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS client side of an endpoint from three PEM files that need not share a directory (docker-java's own
 * {@code LocalDirectorySSLConfig} wants them side by side under fixed names). A file that is missing or does not
 * parse is named in the error, with the endpoint.
 */
final class TlsFiles implements SSLConfig {
    private final String endpoint;
    private final EngineTls files;

    TlsFiles(String endpoint, EngineTls files) {
        this.endpoint = endpoint;
        this.files = files;
    }

    @Override
    public SSLContext getSSLContext() {
        String ca = read("ca", files.caCertificate());
        String cert = read("cert", files.clientCertificate());
        String key = read("key", files.clientKey());
        try {
            KeyStore identity = CertificateUtils.createKeyStore(key, cert);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, "docker".toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(CertificateUtils.createTrustStore(ca));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new InvalidValueException("engine " + endpoint + " tls", files.clientCertificate(),
                    "the CA, certificate and key must be PEM files that belong together (" + e.getMessage() + ")");
        }
    }

    private String read(String field, Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidValueException("engine " + endpoint + " " + field, file,
                    "must be a readable PEM file (" + e.getMessage() + ")");
        }
    }
}
