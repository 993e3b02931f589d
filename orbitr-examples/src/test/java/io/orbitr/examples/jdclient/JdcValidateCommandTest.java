package io.orbitr.examples.jdclient;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.examples.launcher.Launcher;
import io.orbitr.jdclient.keys.PublishedTestKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdcValidateCommandTest {
    /** A configuration of the current schema, with the project's public test keys. */
    private static final String VALID = """
            listening_address = "0.0.0.0:34265"
            max_supported_version = 2
            min_supported_version = 2
            authority_public_key = "%s"
            authority_secret_key = "%s"
            cert_validity_sec = 3600
            shares_per_minute = 6.0
            share_batch_size = 10
            mode = "FULLTEMPLATE"
            jdc_signature = "Sv2MinerSignature"
            coinbase_reward_script = "addr(tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7)"
            supported_extensions = [0x0002]

            [template_provider_type.BitcoinCoreIpc]
            version = 30
            network = "testnet4"

            [[upstreams]]
            authority_pubkey = "9bXiEd8boQVhq7WddEcERUL5tyyJVFYdU8th3HfbNXK3Yw6GRXh"
            pool_address = "127.0.0.1"
            pool_port = 34254
            jds_address = "127.0.0.1"
            jds_port = 34264
            user_identity = ""
            """.formatted(PublishedTestKeys.PUBLIC_KEY, PublishedTestKeys.SECRET_KEY);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    @Test
    void printsValidAndWarnsAboutTheTestKeysOnStderr() throws Exception {
        assertThat(Launcher.run("jdc", "validate", write(VALID).toString())).isZero();
        assertThat(out()).isEqualTo("valid\n");
        assertThat(err()).contains("warning: authority_secret_key is the project's published test key");
    }

    @Test
    void printsEveryProblemAndExits2() throws Exception {
        String broken = VALID.replace("0.0.0.0:34265", "localhost:34265").replace("share_batch_size = 10",
                "share_batch_size = 0").replace("version = 30", "version = 29").replace("mode = \"FULLTEMPLATE\"",
                "mode = \"fast\"").replace("user_identity = \"\"\n", "");
        assertThat(Launcher.run("jdc", "validate", write(broken).toString())).isEqualTo(2);
        assertThat(out()).startsWith("invalid: 5 problems in ")
                .contains("  - invalid listening_address 'localhost:34265': must be an IP literal")
                .contains("  - invalid share_batch_size '0': must be 1 or more")
                .contains("  - invalid template_provider_type.BitcoinCoreIpc.version '29': must be 30, 31 or 32")
                .contains("  - invalid mode 'fast': must be FULLTEMPLATE, COINBASEONLY or SOLOMINING")
                .contains("  - invalid upstreams[0].user_identity '': is required");
    }

    @Test
    void saysWhatToChangeInAnOldFile() throws Exception {
        String old = VALID.replace("listening_address = \"0.0.0.0:34265\"",
                "downstream_address = \"0.0.0.0\"\ndownstream_port = 34265").replace("coinbase_reward_script",
                "coinbase_output");
        assertThat(Launcher.run("jdc", "validate", write(old).toString())).isEqualTo(2);
        assertThat(out()).contains("old schema: ").contains("jd-client v1.2 or earlier")
                .contains("  - downstream_address, downstream_port: replace both with listening_address ="
                        + " \"0.0.0.0:34265\"")
                .contains("  - coinbase_output: rename to coinbase_reward_script")
                .doesNotContain("missing field");
    }

    @Test
    void refusesAFileThatIsMissingOrNotToml() throws Exception {
        assertThat(Launcher.run("jdc", "validate", dir.resolve("nope.toml").toString())).isEqualTo(2);
        assertThat(out()).contains("invalid file").contains("nope.toml").contains("does not exist");
        out.reset();
        assertThat(Launcher.run("jdc", "validate", write("listening_address = = 1\n").toString())).isEqualTo(2);
        assertThat(out()).contains("invalid toml 'line 1");
        assertThat(Launcher.run("jdc", "validate")).isEqualTo(2);
    }

    private Path write(String toml) throws Exception {
        Path file = dir.resolve("jdc-config.toml");
        Files.writeString(file, toml);
        return file;
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
