package io.orbitr.jdclient.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.core.store.CoreSchema;
import io.orbitr.core.store.JdbcStore;
import io.orbitr.core.store.SchemaMigrator;
import io.orbitr.jdclient.JdClientSchema;
import io.orbitr.core.store.Stores;
import io.orbitr.jdclient.update.FakeGitHub.Delivery;
import io.orbitr.testing.OnEveryStore;
import io.orbitr.testing.Preconditions;
import io.orbitr.testing.TestStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@OnEveryStore
class BinaryUpdaterTest {
    @Parameter
    TestStore testStore;

    private static final Instant NOW = Instant.parse("2026-05-11T16:00:00Z");

    @TempDir
    Path dataDirectory;

    private final FakeGitHub github = new FakeGitHub();
    private JdbcStore store;
    private ReleaseTarget target;
    private String asset;
    private BinaryUpdater updater;

    @BeforeEach
    void setUp() {
        store = Stores.open(testStore.settings(), dataDirectory);
        new SchemaMigrator(store, Clock.systemUTC()).migrate(Map.of(CoreSchema.COMPONENT, CoreSchema.migrations(),
                JdClientSchema.COMPONENT, JdClientSchema.migrations()));
        target = TestBinaries.thisLinuxTarget();
        asset = target.assetName();
        updater = updater(settings().build());
    }

    @AfterEach
    void tearDown() {
        github.close();
        store.close();
    }

    @Test
    void listsReleasesWithoutDraftsAndWithPrereleasesOnlyWhenAsked() {
        github.release("v0.4.0").asset(asset, archiveFor("a"));
        github.release("v0.5.0").asset(asset, archiveFor("b"));
        github.release("v0.6.0-rc.1").prerelease().asset(asset, archiveFor("c"));
        github.release("v0.7.0").draft();

        assertThat(updater.releases(false)).extracting(Release::tag).containsExactly("v0.5.0", "v0.4.0");
        assertThat(updater.releases(true)).extracting(Release::tag).containsExactly("v0.6.0-rc.1", "v0.5.0", "v0.4.0");
        assertThat(updater.latest(false).tag()).isEqualTo("v0.5.0");
        assertThat(updater.latest(true).tag()).isEqualTo("v0.6.0-rc.1");
        Release release = updater.release("v0.5.0");
        assertThat(release.name()).isEqualTo("Release v0.5.0");
        assertThat(release.publishedAt()).isPresent();
        assertThat(release.assetFor(target)).get().satisfies(a -> {
            assertThat(a.digest()).get().asString().startsWith("sha256:");
            assertThat(a.size()).isPositive();
        });
        assertThatThrownBy(() -> updater.release("v9.9.9")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("v9.9.9");
    }

    @Test
    void anUnreachableApiIsUnavailable() {
        FakeGitHub closed = new FakeGitHub();
        closed.close();
        BinaryUpdater offline = updater(UpdateSettings.builder().apiBaseUrl(closed.apiBaseUrl()).target(target).build());

        assertThatThrownBy(() -> offline.releases(false)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("cannot read the releases of stratum-mining/sv2-apps");
    }

    @Test
    void latestOfARepositoryWithoutReleasesIsNotFound() {
        assertThatThrownBy(() -> updater.latest(false)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("stratum-mining/sv2-apps");
    }

    @Test
    void installsTheVerifiedBinaryForThisPlatformAndRecordsIt() throws Exception {
        Preconditions.require(java.nio.file.Files.exists(TestBinaries.BUSYBOX), "busybox-static at "
                + TestBinaries.BUSYBOX);
        byte[] busybox = TestBinaries.busybox();
        github.release("v0.6.0").asset(otherTarget().assetName(), archiveFor("other"))
                .asset(asset, TestArchives.release(busybox)).asset("source.zip", new byte[] {1});
        Release release = updater.release("v0.6.0");
        List<DownloadProgress> progress = new ArrayList<>();

        UpdateResult result = updater.install(release, InstallOptions.defaults().withListener(progress::add));

        Path binary = dataDirectory.resolve("jdclient/bin/jd_client_sv2");
        assertThat(result.binary()).isEqualTo(binary);
        assertThat(result.changed()).isTrue();
        assertThat(result.verified()).isTrue();
        assertThat(result.fromVersion()).isEqualTo(BinaryUpdater.NO_VERSION);
        assertThat(result.binarySha256()).isEqualTo(FakeGitHub.sha256(busybox));
        assertThat(Files.readAllBytes(binary)).isEqualTo(busybox);
        assertThat(Files.isExecutable(binary)).isTrue();
        assertThat(runs(binary)).isEqualTo("jd-client runs");
        assertThat(updater.current()).contains(new InstalledBinary("v0.6.0", binary));
        assertThat(updater.previous()).isEmpty();
        assertThat(setting("jdclient.binary.version")).contains("v0.6.0");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1).fraction()).hasValue(1.0);
        assertThat(progress).extracting(DownloadProgress::bytesRead).isSorted();
        assertThat(updater.history()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(UpdateAction.INSTALL);
            assertThat(entry.outcome()).isEqualTo(UpdateOutcome.SUCCESS);
            assertThat(entry.fromVersion()).isEqualTo("none");
            assertThat(entry.toVersion()).isEqualTo("v0.6.0");
            assertThat(entry.message()).contains("verified");
            assertThat(entry.at()).isEqualTo(NOW);
        });
        assertNoTemporaryFiles();
    }

    @Test
    void picksTheAssetOfTheConfiguredTarget() throws Exception {
        ReleaseTarget other = otherTarget();
        byte[] otherBinary = TestBinaries.elfForAnotherMachine("other");
        github.release("v0.6.0").asset(asset, archiveFor("this"))
                .asset(other.assetName(), TestArchives.release(otherBinary));
        BinaryUpdater forOther = updater(settings().target(other).build());

        forOther.install("v0.6.0", InstallOptions.defaults());

        assertThat(Files.readAllBytes(forOther.binaryPath())).isEqualTo(otherBinary);
    }

    @Test
    void aReleaseWithoutAnArchiveForThisPlatformIsNotFound() {
        github.release("v0.6.0").asset(otherTarget().assetName(), archiveFor("x"));

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(asset);
        assertThat(updater.history()).singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(UpdateOutcome.FAILED));
    }

    @Test
    void keepsThePreviousBinaryAndRollsBackByteForByte() throws Exception {
        byte[] first = TestBinaries.elfForThisMachine("first");
        byte[] second = TestBinaries.elfForThisMachine("second");
        github.release("v0.5.0").asset(asset, TestArchives.release(first));
        github.release("v0.6.0").asset(asset, TestArchives.release(second));
        updater.install("v0.5.0", InstallOptions.defaults());

        UpdateResult upgrade = updater.install("v0.6.0", InstallOptions.defaults());

        assertThat(upgrade.fromVersion()).isEqualTo("v0.5.0");
        assertThat(Files.readAllBytes(updater.binaryPath())).isEqualTo(second);
        assertThat(updater.previous()).get().satisfies(previous -> {
            assertThat(previous.version()).isEqualTo("v0.5.0");
            assertThat(Files.readAllBytes(previous.path())).isEqualTo(first);
        });

        UpdateResult rollback = updater.rollback();

        assertThat(rollback.action()).isEqualTo(UpdateAction.ROLLBACK);
        assertThat(rollback.toVersion()).isEqualTo("v0.5.0");
        assertThat(Files.readAllBytes(updater.binaryPath())).isEqualTo(first);
        assertThat(Files.isExecutable(updater.binaryPath())).isTrue();
        assertThat(updater.current()).get().extracting(InstalledBinary::version).isEqualTo("v0.5.0");
        assertThat(Files.readAllBytes(updater.previous().orElseThrow().path())).isEqualTo(second);

        updater.rollback();

        assertThat(Files.readAllBytes(updater.binaryPath())).isEqualTo(second);
        assertThat(updater.current()).get().extracting(InstalledBinary::version).isEqualTo("v0.6.0");
        assertThat(updater.history()).extracting(UpdateRecord::action, UpdateRecord::fromVersion,
                UpdateRecord::toVersion, UpdateRecord::outcome).containsExactly(
                        tuple(UpdateAction.ROLLBACK, "v0.5.0", "v0.6.0", UpdateOutcome.SUCCESS),
                        tuple(UpdateAction.ROLLBACK, "v0.6.0", "v0.5.0", UpdateOutcome.SUCCESS),
                        tuple(UpdateAction.INSTALL, "v0.5.0", "v0.6.0", UpdateOutcome.SUCCESS),
                        tuple(UpdateAction.INSTALL, "none", "v0.5.0", UpdateOutcome.SUCCESS));
        assertThat(historyRows()).containsExactly("jd-client install none v0.5.0 success",
                "jd-client install v0.5.0 v0.6.0 success", "jd-client rollback v0.6.0 v0.5.0 success",
                "jd-client rollback v0.5.0 v0.6.0 success");
        assertNoTemporaryFiles();
    }

    @Test
    void aStartCompletesAnInstallWhoseStagedFilesWereJournaled() throws Exception {
        byte[] first = TestBinaries.elfForThisMachine("first");
        byte[] second = TestBinaries.elfForThisMachine("second");
        github.release("v0.5.0").asset(asset, TestArchives.release(first));
        github.release("v0.6.0").asset(asset, TestArchives.release(second));
        updater.install("v0.6.0", InstallOptions.defaults());
        updater.install("v0.5.0", InstallOptions.defaults());
        // The host died after staging and journaling an install of v0.6.0, with only the backup renamed.
        BinaryFiles files = new BinaryFiles(dataDirectory);
        BinaryFiles.Staged staged = files.stage(files.versionBinary("v0.6.0"));
        new UpdateLedger(store, Clock.systemUTC()).recordPending(new UpdateLedger.Pending(UpdateAction.INSTALL,
                "v0.5.0", "v0.6.0", staged));
        Files.move(dataDirectory.resolve("jdclient/bin/.jd_client_sv2.backup"), files.previous(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        updater(settings().build()).recover();

        assertThat(Files.readAllBytes(updater.binaryPath())).isEqualTo(second);
        assertThat(Files.readAllBytes(files.previous())).isEqualTo(first);
        assertThat(updater.current()).get().extracting(InstalledBinary::version).isEqualTo("v0.6.0");
        assertThat(updater.history().get(0)).satisfies(entry -> {
            assertThat(entry.toVersion()).isEqualTo("v0.6.0");
            assertThat(entry.outcome()).isEqualTo(UpdateOutcome.SUCCESS);
            assertThat(entry.message()).contains("completed at start");
        });
        assertThat(setting(UpdateLedger.PENDING_KEY)).isEmpty();
        assertNoTemporaryFiles();
    }

    @Test
    void aStartDeletesWhatAnUnjournaledChangeLeftAndKeepsTheOldBinary() throws Exception {
        byte[] baseline = installBaseline();
        BinaryFiles files = new BinaryFiles(dataDirectory);
        files.stage(files.current());
        Path part = Files.createDirectories(files.downloads()).resolve(asset + "-123.part");
        Files.write(part, new byte[] {1, 2});
        Path extraction = files.newVersionTemp("v0.9.0");
        int entries = updater.history().size();

        updater(settings().build()).recover();

        assertUntouched(baseline);
        assertThat(part).doesNotExist();
        assertThat(extraction.getParent()).doesNotExist();
        assertThat(updater.history()).hasSize(entries);
    }

    @Test
    void rollbackWithoutAPreviousBinaryIsRefused() {
        assertThatThrownBy(() -> updater.rollback()).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no previous jd-client binary");
        assertThat(updater.history()).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(UpdateAction.ROLLBACK);
            assertThat(entry.outcome()).isEqualTo(UpdateOutcome.FAILED);
        });
    }

    @Test
    void aDigestMismatchIsRefusedAndLeavesTheInstalledBinary() throws Exception {
        byte[] installed = installBaseline();
        github.release("v0.6.0").asset(asset, archiveFor("tampered"), "sha256:" + "ab".repeat(32));

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults().allowingUnverified()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("SHA-256 of " + asset).hasMessageContaining("abab");

        assertUntouched(installed);
        assertThat(updater.history().get(0)).satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(UpdateOutcome.FAILED);
            assertThat(entry.toVersion()).isEqualTo("v0.6.0");
            assertThat(entry.message()).contains("tampered");
        });
    }

    @Test
    void aMissingDigestIsRefusedUnlessAllowed() throws Exception {
        byte[] installed = installBaseline();
        byte[] unverified = TestBinaries.elfForThisMachine("unverified");
        github.release("v0.6.0").asset(asset, TestArchives.release(unverified), null);
        int downloadsBefore = github.downloads();

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("no SHA-256 digest")
                .hasMessageContaining("allowingUnverified");
        assertUntouched(installed);
        assertThat(github.downloads()).as("refused before downloading").isEqualTo(downloadsBefore);

        UpdateResult result = updater.install("v0.6.0", InstallOptions.defaults().allowingUnverified());

        assertThat(result.verified()).isFalse();
        assertThat(Files.readAllBytes(updater.binaryPath())).isEqualTo(unverified);
        assertThat(updater.history().get(0).message()).contains("UNVERIFIED");
    }

    @Test
    void aDigestInAnotherFormatIsRefused() throws Exception {
        byte[] installed = installBaseline();
        github.release("v0.6.0").asset(asset, archiveFor("md5"), "md5:0123456789abcdef0123456789abcdef");

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults().allowingUnverified()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("sha256:<64 hex digits>");
        assertUntouched(installed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../jd_client_sv2", "/etc/cron.d/evil", "./jd-client/../../evil", "C:/evil",
        "jd-client/../../../tmp/evil"})
    void archiveEntriesThatEscapeTheirDirectoryAreRefused(String entry) throws Exception {
        byte[] installed = installBaseline();
        byte[] archive = TestArchives.archive().file(entry, "pwned".getBytes())
                .file("./jd-client/jd_client_sv2", TestBinaries.elfForThisMachine("evil")).gzip();
        github.release("v0.6.0").asset(asset, archive);

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("escapes the extraction directory");
        assertUntouched(installed);
        assertThat(dataDirectory.getParent().resolve("evil")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "../../../../root"})
    void symbolicLinksThatPointOutsideAreRefused(String linkTarget) throws Exception {
        byte[] installed = installBaseline();
        byte[] archive = TestArchives.archive().symlink("./jd-client/config", linkTarget)
                .file("./jd-client/jd_client_sv2", TestBinaries.elfForThisMachine("evil")).gzip();
        github.release("v0.6.0").asset(asset, archive);

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("escapes the extraction directory")
                .hasMessageContaining(linkTarget);
        assertUntouched(installed);
    }

    @Test
    void aHardLinkThatPointsOutsideIsRefused() throws Exception {
        byte[] installed = installBaseline();
        byte[] archive = TestArchives.archive().hardLink("./jd-client/jd_client_sv2", "../../etc/shadow").gzip();
        github.release("v0.6.0").asset(asset, archive);

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("escapes the extraction directory");
        assertUntouched(installed);
    }

    @Test
    void aBinaryThatIsALinkIsRefusedEvenInside() throws Exception {
        byte[] installed = installBaseline();
        byte[] archive = TestArchives.archive().file("./jd-client/real", TestBinaries.elfForThisMachine("real"))
                .symlink("./jd-client/jd_client_sv2", "real").gzip();
        github.release("v0.6.0").asset(asset, archive);

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("not a regular file");
        assertUntouched(installed);
    }

    @Test
    void anArchiveWithoutTheBinaryIsRefused() throws Exception {
        byte[] installed = installBaseline();
        github.release("v0.6.0").asset(asset, TestArchives.archive().file("./translator/translator_sv2",
                TestBinaries.elfForThisMachine("t")).gzip());

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("must contain jd-client/jd_client_sv2");
        assertUntouched(installed);
    }

    @Test
    void aBinaryForAnotherProcessorIsRefused() throws Exception {
        byte[] installed = installBaseline();
        github.release("v0.6.0").asset(asset, TestArchives.release(TestBinaries.elfForAnotherMachine("arm")));

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("architecture of jd-client/jd_client_sv2")
                .hasMessageContaining("must be a ELF " + (target == ReleaseTarget.X86_64_LINUX ? "x86_64" : "aarch64"));
        assertUntouched(installed);
        assertThat(updater.installedVersions()).containsExactly("v0.5.0");
    }

    @Test
    void aScriptOrAMacBinaryIsRefusedOnLinux() throws Exception {
        byte[] installed = installBaseline();
        github.release("v0.6.0").asset(asset, TestArchives.release("#!/bin/sh\necho hi\n".getBytes()));
        github.release("v0.6.1").asset(asset, TestArchives.release(TestBinaries.machO(0x01000007)));

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("a script, not a native executable");
        assertThatThrownBy(() -> updater.install("v0.6.1", InstallOptions.defaults()))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("Mach-O x86_64");
        assertUntouched(installed);
    }

    @Test
    void aDownloadCutShortLeavesTheInstalledBinaryUntouched() throws Exception {
        byte[] installed = installBaseline();
        github.release("v0.6.0").asset(asset, archiveFor("cut")).delivery(asset, Delivery.TRUNCATED);

        assertThatThrownBy(() -> updater.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("download of " + asset)
                .hasMessageContaining("nothing was installed");
        assertUntouched(installed);
        assertThat(updater.history().get(0).outcome()).isEqualTo(UpdateOutcome.FAILED);
    }

    @Test
    void aStalledDownloadTimesOutAndLeavesTheInstalledBinaryUntouched() throws Exception {
        byte[] installed = installBaseline();
        github.release("v0.6.0").asset(asset, archiveFor("stall")).delivery(asset, Delivery.STALLED);
        BinaryUpdater impatient = updater(settings().readTimeout(Duration.ofMillis(300)).build());

        assertThatThrownBy(() -> impatient.install("v0.6.0", InstallOptions.defaults()))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("stalled");
        assertUntouched(installed);
    }

    @Test
    void installingTheCurrentVersionAgainDoesNothing() throws Exception {
        installBaseline();
        int downloads = github.downloads();

        UpdateResult again = updater.install("v0.5.0", InstallOptions.defaults());

        assertThat(again.changed()).isFalse();
        assertThat(github.downloads()).isEqualTo(downloads);
        assertThat(updater.previous()).isEmpty();
        assertThat(updater.history()).hasSize(1);
    }

    @Test
    void checksForANewerRelease() throws Exception {
        github.release("v0.9.0").asset(asset, archiveFor("nine"));
        github.release("v0.10.0").asset(asset, archiveFor("ten"));
        github.release("v0.11.0-rc.1").prerelease().asset(asset, archiveFor("rc"));

        assertThat(updater.check(false)).satisfies(check -> {
            assertThat(check.installedVersion()).isEmpty();
            assertThat(check.updateAvailable()).isTrue();
        });
        updater.installLatest(InstallOptions.defaults());

        assertThat(updater.check(false)).satisfies(check -> {
            assertThat(check.installedVersion()).contains("v0.10.0");
            assertThat(check.latest().tag()).isEqualTo("v0.10.0");
            assertThat(check.updateAvailable()).isFalse();
        });
        assertThat(updater.check(true).updateAvailable()).isTrue();
        assertThat(updater.check(true).latest().tag()).isEqualTo("v0.11.0-rc.1");
    }

    @Test
    void givesInstancesAPerVersionBinaryThatLaterInstallsDoNotReplace() throws Exception {
        byte[] first = TestBinaries.elfForThisMachine("first");
        github.release("v0.5.0").asset(asset, TestArchives.release(first));
        github.release("v0.6.0").asset(asset, archiveFor("second"));
        assertThatThrownBy(() -> updater.binaryFor(Optional.empty())).isInstanceOf(NotFoundException.class);
        updater.install("v0.5.0", InstallOptions.defaults());
        InstalledBinary running = updater.binaryFor(Optional.empty());

        updater.install("v0.6.0", InstallOptions.defaults());

        assertThat(running.version()).isEqualTo("v0.5.0");
        assertThat(Files.readAllBytes(running.path())).isEqualTo(first);
        assertThat(updater.binaryFor(Optional.empty()).version()).isEqualTo("v0.6.0");
        assertThat(updater.binaryFor(Optional.of("v0.5.0")).path()).isEqualTo(running.path());
        assertThat(updater.installedVersions()).containsExactly("v0.5.0", "v0.6.0");
        assertThatThrownBy(() -> updater.binaryFor(Optional.of("v0.4.0"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("v0.4.0");
        assertThatThrownBy(() -> updater.removeVersion("v0.6.0")).isInstanceOf(ConflictException.class);
        github.release("v0.7.0").asset(asset, archiveFor("third"));
        updater.install("v0.7.0", InstallOptions.defaults());

        updater.removeVersion("v0.5.0");

        assertThat(updater.installedVersions()).containsExactly("v0.6.0", "v0.7.0");
    }

    @Test
    void refusesATagThatCouldNameAnotherDirectory() {
        assertThatThrownBy(() -> updater.release("../v1")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("tag");
        assertThatThrownBy(() -> updater.binaryFor(Optional.of(".."))).isInstanceOf(InvalidValueException.class);
    }

    private byte[] installBaseline() throws IOException {
        byte[] baseline = TestBinaries.elfForThisMachine("baseline");
        github.release("v0.5.0").asset(asset, TestArchives.release(baseline));
        updater.install("v0.5.0", InstallOptions.defaults());
        assertThat(Files.readAllBytes(updater.binaryPath())).isEqualTo(baseline);
        return baseline;
    }

    private void assertUntouched(byte[] installed) throws IOException {
        assertThat(Files.readAllBytes(updater.binaryPath())).isEqualTo(installed);
        assertThat(updater.current()).get().extracting(InstalledBinary::version).isEqualTo("v0.5.0");
        assertThat(setting("jdclient.binary.version")).contains("v0.5.0");
        assertNoTemporaryFiles();
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dataDirectory.resolve("jdclient"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .allMatch(name -> name.equals("jd_client_sv2") || name.equals("jd_client_sv2.previous"));
        }
    }

    private byte[] archiveFor(String marker) {
        return TestArchives.release(TestBinaries.elfForThisMachine(marker));
    }

    private ReleaseTarget otherTarget() {
        return target == ReleaseTarget.X86_64_LINUX ? ReleaseTarget.AARCH64_LINUX : ReleaseTarget.X86_64_LINUX;
    }

    private UpdateSettings.Builder settings() {
        return UpdateSettings.builder().apiBaseUrl(github.apiBaseUrl()).target(target)
                .requestTimeout(Duration.ofSeconds(10));
    }

    private BinaryUpdater updater(UpdateSettings settings) {
        return new BinaryUpdater(dataDirectory, store, Clock.fixed(NOW, ZoneOffset.UTC), settings);
    }

    private Optional<String> setting(String key) {
        return store.read(connection -> {
            try (var query = connection.prepareStatement("SELECT setting_value FROM settings WHERE setting_key = ?")) {
                query.setString(1, key);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private List<String> historyRows() {
        return store.read(connection -> {
            List<String> rows = new ArrayList<>();
            try (var query = connection.createStatement(); ResultSet result = query.executeQuery("SELECT component,"
                    + " action, from_version, to_version, outcome FROM update_history ORDER BY id")) {
                while (result.next()) {
                    rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                            + result.getString(4) + " " + result.getString(5));
                }
            }
            return rows;
        });
    }

    /** Runs the installed file as busybox's echo through a link named after the applet. */
    private String runs(Path binary) throws Exception {
        Path link = Files.createDirectories(dataDirectory.resolve("run")).resolve("echo");
        Files.createSymbolicLink(link, binary);
        Process process = new ProcessBuilder(link.toString(), "jd-client", "runs").redirectErrorStream(true).start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        Files.delete(link);
        return output;
    }
}
