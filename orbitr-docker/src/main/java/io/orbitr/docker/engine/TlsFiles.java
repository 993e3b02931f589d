package io.orbitr.docker.engine;

import com.github.dockerjava.core.SSLConfig;
import io.orbitr.InvalidValueException;
import io.orbitr.engine.EngineTls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS client side of an endpoint from three PEM files that need not share a directory (docker-java's own
 * {@code LocalDirectorySSLConfig} wants them side by side under fixed names). A file that is missing or does not
 * parse is named in the error, with the endpoint.
 */
final class TlsFiles implements SSLConfig {
    private static final char[] PASSWORD = "orbitr".toCharArray();
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
            KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
            identity.load(null, null);
            identity.setKeyEntry("docker", privateKey(key), PASSWORD, certificates(cert).toArray(new Certificate[0]));
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate authority : certificates(ca)) {
                trusted.setCertificateEntry("ca-" + n++, authority);
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new InvalidValueException("engine " + endpoint + " tls", files.clientCertificate(),
                    "the CA, certificate and key must be PEM files that belong together (" + e.getMessage() + ")");
        }
    }

    /** Reads certificates with the JDK, which takes PEM as it is. */
    private static List<Certificate> certificates(String pem) throws GeneralSecurityException {
        return List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    }

    /**
     * Reads the key with BouncyCastle's PEM parser and the JDK's providers (no provider registered globally): the
     * key may be PKCS#8 ({@code BEGIN PRIVATE KEY}, what openssl 3 writes), PKCS#1 RSA or SEC1 EC.
     */
    private static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("no unencrypted private key in the file");
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
