package io.orbitr.examples.jdclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.Launcher;
import io.orbitr.jdclient.keys.AuthorityKeyPair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdcKeyCommandsTest {
    private static final String TEST_SECRET = "mkDLTBBRxdBv998612qipDYoTK3YUrqLe8uWw7gu3iXbSrn2n";
    private static final String TEST_PUBLIC = "9auqWEzQDVyd2oe1JVGFLMLHZtCo2FFqZwtKA5gd9xbuEu7PH72";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void keygenPrintsAMatchingPairOnExactlyTwoLines() {
        int code = Launcher.run("jdc", "keygen");

        assertThat(code).isZero();
        String[] lines = out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("public: 9[abc][1-9A-HJ-NP-Za-km-z]{49}");
        assertThat(lines[1]).startsWith("secret: ");
        String publicKey = lines[0].substring("public: ".length());
        String secretKey = lines[1].substring("secret: ".length());
        assertThat(AuthorityKeyPair.parse(publicKey, secretKey).publicKey().encoded()).isEqualTo(publicKey);
        assertThat(err()).isEmpty();
    }

    @Test
    void pubkeyPrintsThePublicKeyAlone() {
        int code = Launcher.run("jdc", "pubkey", TEST_SECRET);

        assertThat(code).isZero();
        assertThat(out()).isEqualTo(TEST_PUBLIC + "\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void pubkeyOfABadSecretPrintsTheProblemAndExitsTwo() {
        int code = Launcher.run("jdc", "pubkey", TEST_SECRET.substring(0, 40));

        assertThat(code).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("orbitr: invalid SECRET").contains("checksum");
    }

    @Test
    void pubkeyWithoutASecretIsAUsageError() {
        assertThat(Launcher.run("jdc", "pubkey")).isEqualTo(2);
        assertThat(err()).contains("SECRET");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
