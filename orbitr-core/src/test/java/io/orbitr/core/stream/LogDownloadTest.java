package io.orbitr.core.stream;

import io.orbitr.stream.DownloadResult;
import io.orbitr.stream.LogDownload;
import io.orbitr.stream.LogFilter;
import static io.orbitr.core.stream.FakeLogSource.at;
import static io.orbitr.core.stream.FakeLogSource.errorLine;
import static io.orbitr.core.stream.FakeLogSource.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orbitr.NotFoundException;
import io.orbitr.UnavailableException;
import io.orbitr.stream.LogStream;
import io.orbitr.stream.SourceEnd;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDownloadTest {
    private final PlatformStreamHub hub = PlatformStreamHub.builder().build();

    @TempDir
    Path directory;

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private static FakeLogSource playing(SourceEnd.Kind end) {
        return new FakeLogSource("web", opening -> {
            opening.emit(line(1, "GET /"), errorLine(2, "ERROR boom"), line(3, "GET /health"));
            opening.end(end, end == SourceEnd.Kind.GONE ? "container web was removed" : "engine down");
        });
    }

    @Test
    void writesTheLinesBetweenTwoInstantsThatPassTheFilter() {
        FakeLogSource source = playing(SourceEnd.Kind.FINISHED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        DownloadResult result = hub.downloads().toStream(source, LogDownload.between(at(1), at(3))
                .withFilter(LogFilter.excluding("health")), out);

        assertThat(source.last().query.since()).contains(at(1));
        assertThat(source.last().query.until()).contains(at(3));
        assertThat(source.last().query.follow()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("2027-01-15T08:00:01.000000000Z GET /\n2027-01-15T08:00:02.000000000Z ERROR boom\n");
        assertThat(result).isEqualTo(new DownloadResult(2, out.size()));
    }

    @Test
    void writesAFileWholeWithoutTimestampsWhenAsked() throws Exception {
        Path file = directory.resolve("logs/web.log");

        hub.downloads().toFile(playing(SourceEnd.Kind.FINISHED), LogDownload.all().withTimestamps(false)
                .withFilter(LogFilter.all().onlyStream(LogStream.STDOUT)), file);

        assertThat(Files.readString(file)).isEqualTo("GET /\nGET /health\n");
        assertThat(directory.resolve("logs")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aDownloadThatBreaksOffLeavesNoFile() {
        Path file = directory.resolve("web.log");

        assertThatThrownBy(() -> hub.downloads().toFile(playing(SourceEnd.Kind.BROKEN), LogDownload.all(), file))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("broke off: engine down");
        assertThat(directory).isEmptyDirectory();
    }

    @Test
    void aRemovedContainerIsNotFound() {
        assertThatThrownBy(() -> hub.downloads().toStream(playing(SourceEnd.Kind.GONE), LogDownload.all(),
                new ByteArrayOutputStream())).isInstanceOf(NotFoundException.class)
                .hasMessage("no such fake web");
    }
}
