package io.orbitr.jdclient.update;

import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a release asset into a temporary file, hashing it on the way and reporting progress. A download that
 * ends early, stalls longer than the read timeout or grows past the size limit leaves no file behind.
 */
final class AssetDownloader {
    private static final Logger log = LoggerFactory.getLogger(AssetDownloader.class);
    private static final int CHUNK = 64 * 1024;

    private final Supplier<HttpClient> client;
    private final UpdateSettings settings;

    AssetDownloader(Supplier<HttpClient> client, UpdateSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    DownloadedArchive download(ReleaseAsset asset, Path directory, DownloadListener listener) {
        HttpRequest request = HttpRequest.newBuilder(asset.downloadUrl())
                .timeout(settings.requestTimeout())
                .header("Accept", "application/octet-stream")
                .header("User-Agent", GitHubReleases.userAgent())
                .GET().build();
        Path part = createPartFile(directory, asset.name());
        // java.net.http bounds only the wait for headers; this watchdog bounds the silences inside the body.
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "orbitr-jdclient-download-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean stalled = new AtomicBoolean();
        long received = 0;
        boolean complete = false;
        try {
            HttpResponse<InputStream> response = client.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(part)) {
                if (response.statusCode() / 100 != 2) {
                    throw new UnavailableException(asset.downloadUrl() + " answered HTTP " + response.statusCode()
                            + " for " + asset.name());
                }
                OptionalLong total = asset.size() > 0 ? OptionalLong.of(asset.size())
                        : response.headers().firstValueAsLong("Content-Length");
                if (total.isPresent() && total.getAsLong() > settings.maxArchiveBytes()) {
                    throw tooLarge(asset, total.getAsLong());
                }
                AtomicLong lastData = new AtomicLong(System.nanoTime());
                long idleNanos = settings.readTimeout().toNanos();
                long period = Math.max(10, settings.readTimeout().toMillis() / 4);
                watchdog.scheduleAtFixedRate(() -> {
                    if (System.nanoTime() - lastData.get() > idleNanos && stalled.compareAndSet(false, true)) {
                        closeQuietly(body);
                    }
                }, period, period, TimeUnit.MILLISECONDS);
                MessageDigest digest = Sha256.newDigest();
                byte[] buffer = new byte[CHUNK];
                for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
                    lastData.set(System.nanoTime());
                    received += n;
                    if (received > settings.maxArchiveBytes()) {
                        throw tooLarge(asset, received);
                    }
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    notify(listener, new DownloadProgress(asset.name(), received, total));
                }
                if (stalled.get()) {
                    throw stalledError(asset, received);
                }
                if (total.isPresent() && received != total.getAsLong()) {
                    throw new UnavailableException("the download of " + asset.name() + " ended after " + received
                            + " of " + total.getAsLong() + " bytes; nothing was installed, try again");
                }
                complete = true;
                return new DownloadedArchive(part, received, Sha256.hex(digest));
            }
        } catch (IOException e) {
            if (stalled.get()) {
                throw stalledError(asset, received);
            }
            throw new UnavailableException("the download of " + asset.name() + " from " + asset.downloadUrl()
                    + " failed after " + received + " bytes: " + e.getMessage() + "; nothing was installed, try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("the download of " + asset.name() + " was interrupted", e);
        } finally {
            watchdog.shutdownNow();
            if (!complete) {
                deleteQuietly(part);
            }
        }
    }

    private static Path createPartFile(Path directory, String assetName) {
        try {
            Files.createDirectories(directory);
            return Files.createTempFile(directory, assetName + "-", ".part");
        } catch (IOException e) {
            throw new OrbitrException("cannot create a download file in " + directory + ": " + e.getMessage(), e);
        }
    }

    private UnavailableException stalledError(ReleaseAsset asset, long received) {
        return new UnavailableException("the download of " + asset.name() + " stalled: nothing arrived for "
                + settings.readTimeout().toMillis() + " ms after " + received + " bytes; nothing was installed, try"
                + " again");
    }

    private InvalidValueException tooLarge(ReleaseAsset asset, long bytes) {
        return new InvalidValueException("size of " + asset.name(), bytes + " bytes", "must be at most "
                + settings.maxArchiveBytes() + " bytes (UpdateSettings.maxArchiveBytes)");
    }

    private static void notify(DownloadListener listener, DownloadProgress progress) {
        try {
            listener.onProgress(progress);
        } catch (RuntimeException e) {
            log.warn("download progress listener failed on {}", progress, e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            log.debug("closing a stalled download stream failed", e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot delete the temporary file {}: {}", file, e.getMessage());
        }
    }
}
