package io.orbitr.examples.readme;

import io.orbitr.core.Orbitr;
import io.orbitr.stream.DownloadResult;
import io.orbitr.stream.LogDownload;
import io.orbitr.stream.LogFilter;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogOptions;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamHub;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.nio.file.Path;
import java.time.Instant;

/** The README's "Live logs and stats" example: follow a container's errors, then download part of its log. */
public final class LiveLogsExample {

    private LiveLogsExample() {
    }

    /**
     * Follows a container's ERROR and WARN lines for a minute, then writes the last hour of its log to a file.
     *
     * @param args unused
     * @throws InterruptedException when interrupted while following
     */
    public static void main(String[] args) throws InterruptedException {
        try (Orbitr orbitr = Orbitr.builder().dataDirectory(Path.of("orbitr-data")).build()) {
            StreamHub hub = orbitr.streams();
            Subscription logs = hub.containerLogs("web-1",
                    LogOptions.builder()
                            .tail(200)                                   // start with the last 200 matching lines
                            .filter(LogFilter.matching("ERROR|WARN"))    // filtered in the hub
                            .build(),
                    new StreamSubscriber<LogLine>() {
                        @Override
                        public void onNext(LogLine line) {               // id (1, 2, 3... per stream), timestamp,
                            System.out.println(line.id() + " " + line.timestamp() + " " + line.stream() + " "
                                    + line.text());                      // stream, text
                        }

                        @Override
                        public void onEvent(StreamEvent event) {         // LOST n, RECONNECTING, RECONNECTED, ...
                            System.out.println("-- " + event.kind() + ": " + event.message());
                        }

                        @Override
                        public void onComplete(String reason) {          // "container web-1 stopped (exit code 0)"
                            System.out.println("-- end: " + reason);
                        }
                    });
            Thread.sleep(60_000);
            logs.cancel();

            Instant to = orbitr.clock().instant();
            DownloadResult written = hub.downloads().toFile(hub.containerLog("local", "web-1"),
                    LogDownload.between(to.minusSeconds(3600), to).withFilter(LogFilter.excluding("GET /health")),
                    Path.of("web-1.log"));
            System.out.println(written.lines() + " lines, " + written.bytes() + " bytes");
        }
    }
}
