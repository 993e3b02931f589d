package io.orbitr.core.stream;

import io.orbitr.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.stream.DownloadResult;
import io.orbitr.stream.LogDownload;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.LogSource;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceHandle;
import io.orbitr.stream.SourceSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Writes one log read to an output stream, line by line as the source delivers them: a download is a private read
 * of its own, not a subscriber of the shared stream, so it is neither bounded by the replay buffer nor able to lose
 * lines. The source waits while the output is slow.
 */
final class LogDownloader implements SourceSink<LogLine> {
    /**
     * As {@code docker logs -t} writes times (Go's RFC3339NanoFixed): always nine fractional digits, so a download is
     * byte-identical to the CLI's ({@code 05.873382000Z}, where {@link Instant#toString()} trims to {@code 05.873382Z}).
     */
    static final DateTimeFormatter DOCKER_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final LogDownload request;
    private final Writer writer;
    private final CountingStream counter;
    private final CompletableFuture<SourceEnd> done = new CompletableFuture<>();
    private long lines;
    private volatile SourceHandle handle;

    private LogDownloader(LogDownload request, OutputStream out) {
        this.request = request;
        this.counter = new CountingStream(out);
        this.writer = new BufferedWriter(new OutputStreamWriter(counter, StandardCharsets.UTF_8), 64 * 1024);
    }

    /**
     * Reads the log and writes it; returns when the read ends.
     *
     * @param source  the log
     * @param request which part and how
     * @param out     where to write; flushed, not closed
     * @return what was written
     */
    static DownloadResult download(LogSource source, LogDownload request, OutputStream out) {
        LogDownloader downloader = new LogDownloader(request, out);
        LogQuery query = LogQuery.all();
        query = request.since().map(query::withSince).orElse(query);
        query = request.until().map(query::withUntil).orElse(query);
        downloader.handle = source.open(query, downloader);
        SourceEnd end;
        try {
            end = downloader.done.get();
        } catch (InterruptedException e) {
            downloader.handle.close();
            Thread.currentThread().interrupt();
            throw new OrbitrException("the download of the log of " + source.name() + " was interrupted", e);
        } catch (ExecutionException e) {
            downloader.handle.close();
            Throwable cause = e.getCause();
            throw new OrbitrException("could not write the log of " + source.name() + ": " + cause.getMessage(), cause);
        }
        switch (end.kind()) {
            case FINISHED, STOPPED -> {
                try {
                    downloader.writer.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not write the log of " + source.name(), e);
                }
                return new DownloadResult(downloader.lines, downloader.counter.count);
            }
            case GONE -> {
                // Source names read "container web-1": the kind, then the name.
                String[] kindAndName = source.name().split(" ", 2);
                throw kindAndName.length == 2 ? new NotFoundException(kindAndName[0], kindAndName[1])
                        : new NotFoundException("log", source.name());
            }
            case BROKEN -> throw new UnavailableException("the download of the log of " + source.name()
                    + " broke off: " + end.reason(), end.cause().orElse(null));
            default -> throw new OrbitrException("the download of the log of " + source.name() + " failed: "
                    + end.reason(), end.cause().orElse(null));
        }
    }

    @Override
    public void onItems(List<LogLine> items) {
        if (done.isDone()) {
            return;
        }
        try {
            for (LogLine line : items) {
                if (request.filter().test(line)) {
                    if (request.timestamps()) {
                        writer.write(DOCKER_TIME.format(line.timestamp()));
                        writer.write(' ');
                    }
                    writer.write(line.text());
                    writer.write('\n');
                    lines++;
                }
            }
        } catch (IOException e) {
            done.completeExceptionally(e);
            SourceHandle open = handle;
            if (open != null) {
                open.close();
            }
        }
    }

    @Override
    public void onEnd(SourceEnd end) {
        done.complete(end);
    }

    /** Counts the bytes written through it. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
