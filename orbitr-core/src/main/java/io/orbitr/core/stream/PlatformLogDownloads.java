package io.orbitr.core.stream;

import io.orbitr.core.files.AtomicFiles;
import io.orbitr.stream.DownloadResult;
import io.orbitr.stream.LogDownload;
import io.orbitr.stream.LogDownloads;
import io.orbitr.stream.LogSource;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The hub's {@link LogDownloads}: each download is a private read of its source ({@link LogDownloader}); a file is
 * written with {@link AtomicFiles}, so it appears whole or not at all. Stateless and thread-safe.
 */
final class PlatformLogDownloads implements LogDownloads {

    @Override
    public DownloadResult toFile(LogSource source, LogDownload request, Path file) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(file, "file");
        // The read's own failures (gone, broken off) pass through with their type; the file is left as it was.
        return AtomicFiles.replace(file, out -> LogDownloader.download(source, request, out));
    }

    @Override
    public DownloadResult toStream(LogSource source, LogDownload request, OutputStream out) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(out, "out");
        return LogDownloader.download(source, request, out);
    }
}
