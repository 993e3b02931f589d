package io.orbitr.examples.server;

import io.orbitr.InvalidValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** Reads a PEM certificate chain and a PKCS#8 PEM private key into an in-memory key store for Jetty. */
final class PemKeys {
    static final String PASSWORD = "orbitr";

    private PemKeys() {
    }

    static KeyStore keyStore(Path certificatePem, Path keyPem) {
        try {
            List<? extends Certificate> chain;
            try (var in = Files.newInputStream(certificatePem)) {
                chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new InvalidValueException("tls-cert", certificatePem, "holds no PEM certificate");
            }
            String text = Files.readString(keyPem, StandardCharsets.US_ASCII);
            int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
            int end = text.indexOf("-----END PRIVATE KEY-----");
            if (begin < 0 || end < begin) {
                throw new InvalidValueException("tls-key", keyPem, "must be a PKCS#8 PEM key (BEGIN PRIVATE KEY);"
                        + " convert one with 'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
            }
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
            PrivateKey key = null;
            for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
                try {
                    key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    break;
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            if (key == null) {
                throw new InvalidValueException("tls-key", keyPem, "is not an RSA, EC or Ed25519 key");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("orbitr", key, PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException e) {
            throw new InvalidValueException("tls", certificatePem + ", " + keyPem, "cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new InvalidValueException("tls-cert", certificatePem, "is not a PEM certificate: " + e.getMessage());
        }
    }

}
