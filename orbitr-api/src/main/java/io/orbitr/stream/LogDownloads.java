package io.orbitr.stream;

import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes a log, or part of it, as {@code docker logs -t} does (each line with its timestamp in nine fractional
 * digits, a space, the text): byte for byte the same output. Reached with {@code StreamHub.downloads()}.
 *
 * <pre>{@code
 * StreamHub hub = orbitr.streams();
 * DownloadResult written = hub.downloads().toFile(hub.containerLog("local", "web-1"),
 *         LogDownload.all().withFilter(LogFilter.excluding("GET /health")), Path.of("web-1.log"));
 * }</pre>
 */
public interface LogDownloads {

    /**
     * Writes a log to a file, which appears whole or not at all: it is written under a hidden temporary name beside
     * the file, forced to disk and renamed into place.
     *
     * @param source  the log, for example {@code hub.containerLog("local", "web-1")}
     * @param request which lines, between which instants, with or without timestamps
     * @param file    the file to write (replaced if it exists)
     * @return what was written
     * @throws io.orbitr.NotFoundException    when the log's owner (the container) does not exist
     * @throws io.orbitr.UnavailableException when the read broke off; the file is then left as it was
     */
    DownloadResult toFile(LogSource source, LogDownload request, Path file);

    /**
     * Writes a log to an output stream (flushed, not closed).
     *
     * @param source  the log
     * @param request which lines, between which instants, with or without timestamps
     * @param out     where to write
     * @return what was written
     * @throws io.orbitr.NotFoundException    when the log's owner (the container) does not exist
     * @throws io.orbitr.UnavailableException when the read broke off
     */
    DownloadResult toStream(LogSource source, LogDownload request, OutputStream out);
}
