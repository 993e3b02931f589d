package io.orbitr.jdclient.instance;

import io.orbitr.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.core.Orbitr;
import io.orbitr.jdclient.JdClientFeatureProvider;
import io.orbitr.jdclient.config.ConfigFixtures;
import io.orbitr.jdclient.config.TomlRenderer;
import io.orbitr.jdclient.fake.FakeBinary;
import io.orbitr.jdclient.fake.Ports;
import io.orbitr.process.ProcessState;
import io.orbitr.process.ProcessSupervisor;
import io.orbitr.process.ProcessStatus;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.TestStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

@OnEveryStore
class InstanceLifecycleTest {
    @Parameter
    TestStore testStore;

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String READY = "Job declarator: SV2 handshake completed successfully.";

    @TempDir
    Path data;

    @Test
    void createsStartsLogsRestartsStopsAndDeletesAnInstance() throws Exception {
        FakeBinary.install(data.resolve("jdclient/bin/jd_client_sv2"), "ok");
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            Instance instance = jdc.create("miner-1", "pool-a");
            assertThat(instance.desiredState()).isEqualTo(DesiredState.STOPPED);
            assertThat(jdc.status("miner-1").process().state()).isEqualTo(ProcessState.STOPPED);
            assertThatThrownBy(() -> jdc.create("miner-1", "pool-a")).isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> jdc.create("bad name", "pool-a")).isInstanceOf(InvalidValueException.class);
            assertThatThrownBy(() -> jdc.create("miner-2", "nope")).isInstanceOf(NotFoundException.class);

            ProcessStatus started = jdc.start("miner-1");
            assertThat(started.pid()).isPresent();
            awaitLine(jdc, "miner-1", READY);
            assertThat(jdc.get(instance.id()).desiredState()).isEqualTo(DesiredState.RUNNING);

            Path file = jdc.configFile("miner-1");
            assertThat(file).isEqualTo(data.resolve("jdclient/instances/" + instance.id() + "/jdc-config.toml"));
            assertThat(Files.readString(file)).isEqualTo(TomlRenderer.render(jdc.configs().get("pool-a").config()));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

            List<LogLine> all = jdc.logs("miner-1", 100);
            assertThat(all.get(0).text()).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z  INFO jd_client_sv2: Job declarator"
                    + " client starting\\.\\.\\. setting up subsystems");
            assertThat(jdc.logs("miner-1", 2)).extracting(LogLine::text).last().asString().endsWith(READY);
            assertThat(jdc.logsSince("miner-1", all.get(all.size() - 1).timestamp())).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.timestamp()).isAfterOrEqualTo(all.get(all.size() - 1).timestamp()));
            assertThat(jdc.logsSince("miner-1", Instant.now().plusSeconds(60))).isEmpty();

            Collector follower = new Collector();
            Subscription subscription = jdc.followLogs("miner-1", 2, follower);
            // The platform's supervisor delivers on its own threads: the replay arrives shortly after.
            Await.until("the two replayed lines", BOUND, () -> follower.lines.size() >= 2);
            assertThat(follower.lines).hasSize(2);

            jdc.restart("miner-1");
            Await.until("the restarted instance to be ready", BOUND, () -> jdc.logs("miner-1", 1000).stream()
                    .filter(l -> l.text().endsWith(READY)).count() == 2);
            assertThat(follower.texts()).anySatisfy(t -> assertThat(t).endsWith("JD Client shutdown complete."));
            assertThat(jdc.status("miner-1").process().restarts()).isEqualTo(1);
            subscription.cancel();

            ProcessStatus stopped = jdc.stop("miner-1");
            assertThat(stopped.state()).isEqualTo(ProcessState.STOPPED);
            assertThat(stopped.exitCode()).hasValue(0);
            Await.until("the shutdown line", BOUND, () -> jdc.logs("miner-1", 1).get(0).text()
                    .endsWith("JD Client shutdown complete."));
            assertThat(jdc.get("miner-1").desiredState()).isEqualTo(DesiredState.STOPPED);
            assertThat(jdc.stop("miner-1").state()).isEqualTo(ProcessState.STOPPED);

            assertThatThrownBy(() -> jdc.configs().delete("pool-a")).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("miner-1");
            jdc.delete("miner-1");
            assertThat(jdc.list()).isEmpty();
            assertThat(data.resolve("jdclient/instances/" + instance.id())).doesNotExist();
            assertThatThrownBy(() -> jdc.get("miner-1")).isInstanceOf(NotFoundException.class);
            jdc.configs().delete("pool-a");
        }
    }

    @Test
    void startsAgainAfterAPlatformRestartWhatWasRunning() {
        FakeBinary.install(data.resolve("jdclient/bin/jd_client_sv2"), "ok");
        String runningId;
        String process;
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            jdc.configs().create("pool-b", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            Instance runs = jdc.create("runs", "pool-a");
            runningId = runs.id();
            process = runs.processName();
            jdc.create("rests", "pool-b");
            jdc.start("runs");
            awaitLine(jdc, "runs", READY);
        }
        try (Orbitr orbitr = platform()) {
            // Nobody asks for the feature first: the platform creates it at start, which starts the instance.
            ProcessSupervisor processes = orbitr.processes();
            Await.until("the instance that was running to run again", BOUND,
                    () -> processes.status(process).map(ProcessStatus::alive).orElse(false));
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            assertThat(jdc.list()).extracting(Instance::name).containsExactly("rests", "runs");
            awaitLine(jdc, runningId, READY);
            assertThat(jdc.status("runs").process().alive()).isTrue();
            assertThat(jdc.status("rests").process().state()).isEqualTo(ProcessState.STOPPED);
            assertThat(jdc.status("rests").instance().desiredState()).isEqualTo(DesiredState.STOPPED);
        }
    }

    @Test
    void refusesToStartWithoutAnInstalledBinaryOrAnUnknownVersion() {
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            jdc.configs().create("pool-a", "", ConfigFixtures.valid().build());
            jdc.create("miner-1", "pool-a");
            assertThatThrownBy(() -> jdc.start("miner-1")).isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("jdclient/bin/jd_client_sv2").hasMessageContaining("not installed");
            jdc.create("miner-2", "pool-a", Optional.of("v0.5.0"));
            assertThatThrownBy(() -> jdc.start("miner-2")).isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("version v0.5.0").hasMessageContaining("not installed");
            assertThatThrownBy(() -> jdc.create("miner-3", "pool-a", Optional.of("../../etc")))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("binaryVersion");
            assertThat(jdc.get("miner-1").desiredState()).isEqualTo(DesiredState.STOPPED);
        }
    }

    @Test
    void runsAnInstalledVersionSideBySide() {
        FakeBinary.install(data.resolve("jdclient/versions/v0.6.0/jd_client_sv2"), "ok");
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            jdc.create("pinned", "pool-a", Optional.of("v0.6.0"));
            jdc.start("pinned");
            awaitLine(jdc, "pinned", READY);
            jdc.stop("pinned");
        }
    }

    @Test
    void runsThePinnedReleaseAndMovesOthersToANewReleaseOnlyWhenRestarted() throws Exception {
        Path fake = FakeBinary.install(data.resolve("fake/jd_client_sv2"), "ok");
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            installRelease(orbitr, "v0.5.0", fake);
            installRelease(orbitr, "v0.6.0", fake);
            assertThat(jdc.updater().current()).map(b -> b.version()).hasValue("v0.6.0");
            jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            jdc.configs().create("pool-b", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            jdc.create("pinned", "pool-a", Optional.of("v0.5.0"));
            jdc.create("follows", "pool-b");
            jdc.start("pinned");
            jdc.start("follows");
            awaitReleaseLines(jdc, "pinned", "v0.5.0", 1);
            awaitReleaseLines(jdc, "follows", "v0.6.0", 1);

            installRelease(orbitr, "v0.7.0", fake);
            // The supervisor restarts a process with the spec it started with, as after a crash: same release.
            orbitr.processes().restart(jdc.get("follows").processName());
            awaitReleaseLines(jdc, "follows", "v0.6.0", 2);
            jdc.restart("follows");
            awaitReleaseLines(jdc, "follows", "v0.7.0", 1);
            jdc.restart("pinned");
            awaitReleaseLines(jdc, "pinned", "v0.5.0", 2);
            assertThat(releaseLines(jdc, "pinned", "v0.7.0")).isZero();
        }
    }

    /**
     * Lays a release out as {@link io.orbitr.jdclient.update.BinaryUpdater} installs it (its own copy, the current
     * binary and the recorded version): the updater only installs real executables of this machine, and jd-client
     * cannot run here. The release's binary announces its tag, then runs the fake jd-client.
     */
    private static void installRelease(Orbitr orbitr, String tag, Path fake) throws Exception {
        Path home = orbitr.dataDirectory().resolve("jdclient");
        Path binary = home.resolve("versions/" + tag + "/jd_client_sv2");
        Files.createDirectories(binary.getParent());
        Files.writeString(binary, "#!/bin/sh\necho 'release " + tag + "'\nexec '" + fake + "' \"$@\"\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(home.resolve("bin"));
        Files.copy(binary, home.resolve("bin/jd_client_sv2"), StandardCopyOption.REPLACE_EXISTING);
        orbitr.store().inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM settings WHERE setting_key = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO settings(setting_key, setting_value, updated_at) VALUES (?, ?, ?)")) {
                delete.setString(1, "jdclient.binary.version");
                delete.executeUpdate();
                insert.setString(1, "jdclient.binary.version");
                insert.setString(2, tag);
                insert.setLong(3, System.currentTimeMillis());
                return insert.executeUpdate();
            }
        });
    }

    private static void awaitReleaseLines(InstanceManager jdc, String ref, String tag, long count) {
        Await.until(ref + " to have run " + tag + " " + count + " time(s)", BOUND,
                () -> releaseLines(jdc, ref, tag) == count);
        awaitLine(jdc, ref, READY);
    }

    private static long releaseLines(InstanceManager jdc, String ref, String tag) {
        return jdc.logs(ref, 1000).stream().filter(l -> l.text().equals("release " + tag)).count();
    }

    @Test
    void aStartFinishesAnInterruptedDeleteAndPutsConfigurationFilesRight() throws Exception {
        FakeBinary.install(data.resolve("jdclient/bin/jd_client_sv2"), "ok");
        String id;
        try (Orbitr orbitr = platform()) {
            InstanceManager jdc = orbitr.feature(InstanceManager.class);
            jdc.configs().create("pool-a", "", ConfigFixtures.valid()
                    .listeningAddress("127.0.0.1:" + Ports.free()).build());
            id = jdc.create("kept", "pool-a").id();
            jdc.start("kept");
            jdc.stop("kept");
        }
        Path instances = data.resolve("jdclient/instances");
        // A delete cut short after its row went, an edited file, and a write that never finished.
        Path orphan = Files.createDirectories(instances.resolve("0b0e5e0e-dead-4bad-8bad-000000000000"));
        Files.writeString(orphan.resolve("jdc-config.toml"), "listening_address = \"x\"\n");
        Path config = instances.resolve(id).resolve("jdc-config.toml");
        String rendered = Files.readString(config);
        Files.writeString(config, "tampered");
        Path temporary = instances.resolve(id).resolve(".jdc-config123.tmp");
        Files.writeString(temporary, "half");

        try (Orbitr orbitr = platform()) {
            assertThat(orphan).doesNotExist();
            assertThat(config).hasContent(rendered);
            assertThat(temporary).doesNotExist();
            assertThat(orbitr.feature(InstanceManager.class).get("kept").desiredState())
                    .isEqualTo(DesiredState.STOPPED);
        }
    }

    private Orbitr platform() {
        return Orbitr.builder().noDiscovery().dataDirectory(data).store(testStore.durableSettings())
                .register(new JdClientFeatureProvider(b -> b.startPeriod(Duration.ofMillis(100))
                        .gracePeriod(Duration.ofSeconds(5))))
                .build();
    }

    static void awaitLine(InstanceManager jdc, String ref, String suffix) {
        Await.until("a line ending with '" + suffix + "'", BOUND, () -> jdc.logs(ref, 1000).stream()
                .anyMatch(l -> l.text().endsWith(suffix)));
    }

    /** Collects followed lines. */
    static final class Collector implements StreamSubscriber<LogLine> {
        final List<LogLine> lines = new CopyOnWriteArrayList<>();

        @Override
        public void onNext(LogLine item) {
            lines.add(item);
        }

        List<String> texts() {
            return lines.stream().map(LogLine::text).toList();
        }
    }
}
