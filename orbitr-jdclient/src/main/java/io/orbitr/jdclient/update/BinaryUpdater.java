package io.orbitr.jdclient.update;

import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.NotFoundException;
import io.orbitr.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and rolls back the jd-client binary from the GitHub releases of stratum-mining/sv2-apps.
 *
 * <p>An install picks the archive for this platform, downloads it beside the data directory, checks it against
 * the SHA-256 digest GitHub publishes, extracts {@code jd-client/jd_client_sv2}, checks that the binary's header
 * names this platform's processor, and only then replaces {@code <dataDir>/jdclient/bin/jd_client_sv2}
 * atomically, keeping the replaced binary as {@code jd_client_sv2.previous}. Any refusal or failure leaves the
 * installed binary as it was and no temporary file behind; every attempt is written to the install history. A crash
 * of the host in the middle leaves either the old binary or a journaled change that {@link #recover()} completes
 * at the next start, so the binary is always the old one or the new one, whole, and the history says which.
 *
 * <p>The updater never starts, stops or restarts anything. A process keeps running the binary it was started
 * from; {@link #binaryFor(Optional)} gives an instance manager a per-version path that later installs do not
 * touch, so instances move to a new release only when their owner restarts them on it.
 *
 * <pre>{@code
 * BinaryUpdater updater = new BinaryUpdater(dataDirectory, store, Clock.systemUTC());
 * UpdateCheck check = updater.check(false);
 * if (check.updateAvailable()) {
 *     updater.install(check.latest(), InstallOptions.defaults().withListener(p -> System.out.println(p)));
 * }
 * updater.rollback();   // the previous binary again, byte for byte
 * }</pre>
 *
 * <p>Thread-safe: installs, rollbacks and removals run one at a time.
 */
public final class BinaryUpdater {
    /** The {@code update_history.component} of jd-client installs. */
    public static final String COMPONENT = "jd-client";
    /** The executable's file name, as sv2-apps ships it. */
    public static final String BINARY_NAME = "jd_client_sv2";
    /** The version recorded as "from" when nothing was installed. */
    public static final String NO_VERSION = "none";
    /** The version of a binary Orbitr did not install itself. */
    public static final String UNKNOWN_VERSION = "unknown";
    private static final Logger log = LoggerFactory.getLogger(BinaryUpdater.class);
    private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:([0-9a-fA-F]{64})");
    private static final int DEFAULT_HISTORY = 100;
    private static final Comparator<Release> NEWEST = Comparator
            .comparing((Release r) -> ReleaseVersion.parse(r.tag()).orElse(null),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.publishedAt().orElse(Instant.EPOCH));

    private final UpdateSettings settings;
    private final BinaryFiles files;
    private final UpdateLedger ledger;
    private final GitHubReleases github;
    private final AssetDownloader downloader;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * An updater with the default settings: GitHub's API, this platform.
     *
     * @param dataDirectory the platform's data directory; binaries go under {@code jdclient/}
     * @param store         the store with the core schema (settings and update_history)
     * @param clock         stamps the history
     */
    public BinaryUpdater(Path dataDirectory, Store store, Clock clock) {
        this(dataDirectory, store, clock, UpdateSettings.defaults());
    }

    /**
     * @param dataDirectory the platform's data directory; binaries go under {@code jdclient/}
     * @param store         the store with the core schema (settings and update_history)
     * @param clock         stamps the history
     * @param settings      where releases come from and how long to wait
     */
    public BinaryUpdater(Path dataDirectory, Store store, Clock clock, UpdateSettings settings) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.files = new BinaryFiles(dataDirectory);
        this.ledger = new UpdateLedger(store, clock);
        // Created on first use: a client starts a selector thread and loads the trust store, which every start of
        // the platform (orbitr status included) would otherwise pay for an update check it may never make.
        // NORMAL follows GitHub's redirect to its download host but never from https down to http.
        Supplier<HttpClient> client = new LazyHttpClient(() -> HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL).build());
        this.github = new GitHubReleases(client, settings);
        this.downloader = new AssetDownloader(client, settings);
    }

    /** @return the settings in use */
    public UpdateSettings settings() {
        return settings;
    }

    /**
     * @return the platform installs are for: the configured one, else this JVM's
     * @throws InvalidValueException when sv2-apps publishes no build for this platform (Windows, 32-bit)
     */
    public ReleaseTarget target() {
        return settings.target().orElseGet(ReleaseTarget::current);
    }

    /**
     * @param includePrereleases whether to list pre-releases too
     * @return the published releases, newest first as GitHub orders them; drafts are never listed
     * @throws io.orbitr.UnavailableException when GitHub does not answer
     */
    public List<Release> releases(boolean includePrereleases) {
        return github.list().stream().filter(r -> !r.draft() && (includePrereleases || !r.prerelease())).toList();
    }

    /**
     * @param includePrereleases whether a pre-release may be the answer
     * @return the newest release: GitHub's "latest" release, or with pre-releases the highest version published
     * @throws NotFoundException when there is none
     */
    public Release latest(boolean includePrereleases) {
        if (!includePrereleases) {
            Release latest = github.latest();
            if (!latest.draft() && !latest.prerelease()) {
                return latest;
            }
        }
        return releases(includePrereleases).stream().max(NEWEST).orElseThrow(() -> new NotFoundException("release",
                "of " + settings.repository() + (includePrereleases ? "" : " that is not a pre-release")));
    }

    /**
     * @param tag a release tag, for example {@code v0.6.0}
     * @return the published release with that tag, pre-releases included
     * @throws NotFoundException when there is no such published release
     */
    public Release release(String tag) {
        Release.requireValidTag("tag", tag);
        return releases(true).stream().filter(r -> r.tag().equals(tag)).findFirst()
                .orElseThrow(() -> new NotFoundException("release", tag + " of " + settings.repository()));
    }

    /**
     * @param includePrereleases whether a pre-release counts as an update
     * @return the installed version, the newest release, and whether it is newer
     */
    public UpdateCheck check(boolean includePrereleases) {
        Release latest = latest(includePrereleases);
        Optional<String> installed = current().map(InstalledBinary::version);
        boolean newer = installed.map(v -> v.equals(UNKNOWN_VERSION) || ReleaseVersion.isNewer(latest.tag(), v))
                .orElse(true);
        return new UpdateCheck(installed, latest, newer);
    }

    /**
     * Installs the newest release that is not a pre-release.
     *
     * @param options digest policy and progress listener
     * @return what was done
     */
    public UpdateResult installLatest(InstallOptions options) {
        return install(latest(false), options);
    }

    /**
     * Installs a release by tag.
     *
     * @param tag     the release tag, for example {@code v0.6.0}
     * @param options digest policy and progress listener
     * @return what was done
     */
    public UpdateResult install(String tag, InstallOptions options) {
        return install(release(tag), options);
    }

    /**
     * Downloads, verifies and installs a release, making it current and keeping the binary it replaces as the
     * backup. Installing the version that is already current does nothing ({@link UpdateResult#changed()} is
     * false). Running processes are not touched.
     *
     * @param release the release, from {@link #releases(boolean)} or {@link #latest(boolean)}
     * @param options digest policy and progress listener
     * @return what was done
     * @throws InvalidValueException when the archive's digest does not match, GitHub published none and
     *     unverified installs are not allowed, an archive entry escapes its directory, or the binary is for
     *     another platform
     * @throws NotFoundException when the release has no archive for this platform
     * @throws io.orbitr.UnavailableException when the download fails, ends early or stalls
     */
    public UpdateResult install(Release release, InstallOptions options) {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(options, "options");
        lock.lock();
        try {
            String from = currentVersionLabel();
            String to = release.tag();
            if (to.equals(from) && Files.isRegularFile(files.versionBinary(to))) {
                log.info("jd-client {} is already installed", to);
                return new UpdateResult(UpdateAction.INSTALL, from, to, files.current(), Sha256.of(files.current()),
                        true, false);
            }
            return replaceCurrent(UpdateAction.INSTALL, from, to, () -> {
                boolean verified = fetchVerifiedBinary(release, options);
                switchTo(UpdateAction.INSTALL, from, to, files.versionBinary(to));
                return new Change("installed " + to + " (" + target().assetName() + ", " + (verified
                        ? "SHA-256 verified against GitHub's digest)" : "UNVERIFIED: GitHub published no digest)"),
                        verified);
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the previous binary current again, byte for byte; the binary it replaces becomes the backup, so a
     * second rollback undoes the first. Running processes are not touched.
     *
     * @return what was done
     * @throws ConflictException when there is no previous binary
     */
    public UpdateResult rollback() {
        lock.lock();
        try {
            String from = currentVersionLabel();
            String to = Files.isRegularFile(files.previous())
                    ? ledger.previousVersion().filter(v -> !v.equals(NO_VERSION)).orElse(UNKNOWN_VERSION) : NO_VERSION;
            return replaceCurrent(UpdateAction.ROLLBACK, from, to, () -> {
                if (to.equals(NO_VERSION)) {
                    throw new ConflictException("there is no previous jd-client binary to roll back to ("
                            + files.previous() + " does not exist): install a second release first");
                }
                switchTo(UpdateAction.ROLLBACK, from, to, files.previous());
                return new Change("rolled back from " + from + " to " + to, false);
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Finishes or undoes what a crash interrupted; the jd-client feature runs it when the platform starts. A change
     * of the current binary whose staged files were journaled is completed (the binary and the history then say
     * the new version; logged at WARN). Staged files that were never journaled, temporary files and partial
     * downloads are deleted: the current binary is then the old one, whole, and the history does not mention the
     * change.
     */
    public void recover() {
        lock.lock();
        try {
            Optional<UpdateLedger.Pending> pending = ledger.pending();
            if (pending.isPresent()) {
                UpdateLedger.Pending change = pending.get();
                String what = change.action().label() + " " + change.from() + " -> " + change.to();
                if (files.stagedIntact(change.staged())) {
                    files.commitStaged();
                    ledger.recordSuccess(change.action(), change.from(), change.to(), change.from(),
                            "completed at start: Orbitr stopped while the binary was being replaced");
                    log.warn("jd-client {} was interrupted by a stop of Orbitr; completed it at start", what);
                } else {
                    files.discardStaged();
                    ledger.recordFailure(change.action(), change.from(), change.to(), "interrupted by a stop of"
                            + " Orbitr, and the staged binary no longer matched its digest; nothing was changed");
                    log.error("jd-client {} was interrupted and its staged binary is damaged; it was abandoned",
                            what);
                }
            }
            files.removeLeftovers().forEach(leftover -> log.warn("deleted {}, left by an install or rollback that"
                    + " did not finish", leftover));
        } finally {
            lock.unlock();
        }
    }

    /** @return the current binary, {@code <dataDir>/jdclient/bin/jd_client_sv2}, when one is installed */
    public Optional<InstalledBinary> current() {
        if (!Files.isRegularFile(files.current())) {
            return Optional.empty();
        }
        return Optional.of(new InstalledBinary(ledger.currentVersion().orElse(UNKNOWN_VERSION), files.current()));
    }

    /** @return the backup a {@link #rollback()} would restore, when there is one */
    public Optional<InstalledBinary> previous() {
        if (!Files.isRegularFile(files.previous())) {
            return Optional.empty();
        }
        return Optional.of(new InstalledBinary(ledger.previousVersion().filter(v -> !v.equals(NO_VERSION))
                .orElse(UNKNOWN_VERSION), files.previous()));
    }

    /** @return where the current binary lives (or will), whether or not one is installed */
    public Path binaryPath() {
        return files.current();
    }

    /**
     * The binary an instance should be started from. The path is per version and no later install replaces it,
     * so a supervisor restarting the process after a crash keeps it on the same release.
     *
     * @param pinnedVersion the version the instance asks for; empty means the current version
     * @return the binary
     * @throws NotFoundException when the pinned version is not installed, or nothing is installed
     */
    public InstalledBinary binaryFor(Optional<String> pinnedVersion) {
        Objects.requireNonNull(pinnedVersion, "pinnedVersion");
        if (pinnedVersion.isPresent()) {
            String version = pinnedVersion.get();
            Path path = files.versionBinary(version);
            if (!Files.isRegularFile(path)) {
                throw new NotFoundException("jd-client version", version + " (installed: " + installedVersions()
                        + "); install it first");
            }
            return new InstalledBinary(version, path);
        }
        InstalledBinary current = current().orElseThrow(() -> new NotFoundException("jd-client binary",
                files.current() + ": install a release first"));
        if (!current.version().equals(UNKNOWN_VERSION) && Files.isRegularFile(files.versionBinary(current.version()))) {
            return new InstalledBinary(current.version(), files.versionBinary(current.version()));
        }
        return current;
    }

    /** @return the versions kept under {@code versions/}, sorted by name */
    public List<String> installedVersions() {
        return files.installedVersions();
    }

    /**
     * Deletes a kept version to free disk space. The caller makes sure no instance runs it.
     *
     * @param version the version to delete
     * @throws ConflictException when it is the current or previous version
     */
    public void removeVersion(String version) {
        Release.requireValidTag("version", version);
        lock.lock();
        try {
            if (ledger.currentVersion().filter(version::equals).isPresent()
                    || ledger.previousVersion().filter(version::equals).isPresent()) {
                throw new ConflictException("jd-client " + version + " is the current or previous version and cannot"
                        + " be removed; install or roll back to another version first");
            }
            files.deleteVersion(version);
        } finally {
            lock.unlock();
        }
    }

    /** @return the newest {@value #DEFAULT_HISTORY} history entries, newest first */
    public List<UpdateRecord> history() {
        return history(DEFAULT_HISTORY);
    }

    /**
     * @param limit the most entries to return
     * @return the install history, newest first
     */
    public List<UpdateRecord> history(int limit) {
        if (limit < 1) {
            throw new InvalidValueException("limit", limit, "must be at least 1");
        }
        return ledger.history(limit);
    }

    /** Downloads, verifies, extracts and checks the release's binary into its version directory. */
    private boolean fetchVerifiedBinary(Release release, InstallOptions options) {
        if (release.draft()) {
            throw new InvalidValueException("release", release.tag(), "is an unpublished draft");
        }
        ReleaseTarget target = target();
        ReleaseAsset asset = release.assetFor(target).orElseThrow(() -> new NotFoundException("release asset",
                target.assetName() + " in " + release.tag() + " (assets: "
                        + release.assets().stream().map(ReleaseAsset::name).toList() + ")"));
        requireSafeDownloadUrl(asset);
        Optional<String> expected = expectedDigest(asset, options);
        DownloadedArchive archive = downloader.download(asset, files.downloads(), options.listener());
        try {
            if (expected.isPresent() && !expected.get().equals(archive.sha256())) {
                throw new InvalidValueException("SHA-256 of " + asset.name(), archive.sha256(), "must be "
                        + expected.get() + " as GitHub published it; the download was corrupted or tampered with,"
                        + " nothing was installed");
            }
            Path staged = files.newVersionTemp(release.tag());
            try {
                ArchiveExtractor.extractBinary(archive.file(), asset.name(), staged, settings.maxBinaryBytes());
                ExecutableHeader.requireRunnableOn(staged, target, asset.name());
                files.publishVersion(staged, release.tag());
            } finally {
                AssetDownloader.deleteQuietly(staged);
                files.removeIfEmpty(release.tag());
            }
        } finally {
            AssetDownloader.deleteQuietly(archive.file());
        }
        return expected.isPresent();
    }

    /** @return the lowercase hex digest to check against, empty for an allowed unverified install */
    private static Optional<String> expectedDigest(ReleaseAsset asset, InstallOptions options) {
        if (asset.digest().isEmpty()) {
            if (!options.allowUnverified()) {
                throw new InvalidValueException("digest of " + asset.name(), "(none)", "GitHub published no SHA-256"
                        + " digest for this archive, so it cannot be verified; install it anyway only if you trust"
                        + " the source (InstallOptions.allowingUnverified())");
            }
            log.warn("installing {} without verification: GitHub published no digest", asset.name());
            return Optional.empty();
        }
        var matcher = SHA256_DIGEST.matcher(asset.digest().get().strip());
        if (!matcher.matches()) {
            throw new InvalidValueException("digest of " + asset.name(), asset.digest().get(), "must be"
                    + " sha256:<64 hex digits>; an archive whose digest cannot be checked is not installed");
        }
        return Optional.of(matcher.group(1).toLowerCase(Locale.ROOT));
    }

    /** An https API never hands the download to plain http; a test API on http may use http downloads. */
    private void requireSafeDownloadUrl(ReleaseAsset asset) {
        URI url = asset.downloadUrl();
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        boolean allowed = scheme.equals("https") || scheme.equals("http")
                && settings.apiBaseUrl().getScheme().equals("http");
        if (!allowed || url.getHost() == null) {
            throw new InvalidValueException("browser_download_url of " + asset.name(), url, "must be an https URL");
        }
    }

    private String currentVersionLabel() {
        return current().map(InstalledBinary::version).orElse(NO_VERSION);
    }

    /**
     * Runs a change of the current binary and writes the history: on success together with the new versions (the
     * version replaced becomes the previous one), on failure with the reason, which is then rethrown.
     */
    private UpdateResult replaceCurrent(UpdateAction action, String from, String to, Supplier<Change> change) {
        Change done;
        try {
            done = change.get();
            ledger.recordSuccess(action, from, to, from, done.message());
        } catch (RuntimeException e) {
            try {
                ledger.recordFailure(action, from, to, String.valueOf(e.getMessage()));
            } catch (RuntimeException storeFailure) {
                e.addSuppressed(storeFailure);
            }
            log.warn("jd-client {} {} -> {} failed: {}", action.label(), from, to, e.getMessage());
            throw e;
        }
        log.info("jd-client {} {} -> {}: {}", action.label(), from, to, done.message());
        return new UpdateResult(action, from, to, files.current(), Sha256.of(files.current()), done.verified(), true);
    }

    /**
     * Makes {@code source} the current binary and the current one the backup: durable copies first, then the
     * journal in the store, then the renames. A crash before the journal leaves the old binary and a start deletes
     * the copies; a crash after it leaves a change {@link #recover()} completes.
     */
    private void switchTo(UpdateAction action, String from, String to, Path source) {
        BinaryFiles.Staged staged = files.stage(source);
        try {
            ledger.recordPending(new UpdateLedger.Pending(action, from, to, staged));
        } catch (RuntimeException e) {
            files.discardStaged();
            throw e;
        }
        files.commitStaged();
    }

    /** What a change of the current binary reports for the history and the result. */
    private record Change(String message, boolean verified) {
    }
}
