package io.orbitr.docker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineSettings;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine's own messages, as docker-java wraps them, turned into the user's words. */
class DockerErrorsTest {
    private static final EngineSettings ENGINE = new EngineSettings(URI.create("unix:///var/run/docker.sock"),
            Duration.ofSeconds(30), Duration.ofSeconds(2));
    private static final Operation STOP_WEB = Operation.on("container", "web-1", "stop");

    private static String body(String message) {
        // docker-java puts "Status NNN: " in front of the engine's body itself.
        return "{\"message\":\"" + message.replace("\"", "\\\"") + "\"}\n";
    }

    private static OrbitrException translate(Operation operation, RuntimeException error) {
        return DockerErrors.translate(ENGINE, operation, error);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "container | web-1      | No such container: 3f4e1a                         | no such container web-1",
        "container | web-1      | No such image: nginx:1.27                          | no such image nginx:1.27",
        "network   | orbitr-net | network orbitr-net not found                       | no such network orbitr-net",
        "volume    | web-data   | get web-data: no such volume                       | no such volume web-data",
        "image     | nginx:1.27 | No such image: nginx:1.27                          | no such image nginx:1.27",
        "network   | orbitr-net | No such container: web-2                           | no such container web-2",
    })
    void notFoundNamesWhatIsMissing(String kind, String subject, String engine, String expected) {
        OrbitrException error = translate(Operation.on(kind, subject, "use"), new NotFoundException(body(engine)));

        assertThat(error).isInstanceOf(io.orbitr.NotFoundException.class).hasMessage(expected);
        assertThat(error.getCause()).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Container 3f4e1a is not running | container web-1 is not running",
        "Container 3f4e1a is paused. Unpause the container before stopping or killing | container web-1 is paused; unpause it first",
        "Container 3f4e1a is already paused | container web-1 is already paused",
        "Container 3f4e1a is not paused | container web-1 is not paused",
        "You cannot remove a running container 3f4e1a. Stop the container before attempting removal or force remove | container web-1 is running; stop it first or remove it with force",
    })
    void conflictsSpeakOfTheContainerTheUserNamed(String engine, String expected) {
        assertThat(translate(STOP_WEB, new ConflictException(body(engine))))
                .isInstanceOf(io.orbitr.ConflictException.class).hasMessage(expected);
    }

    @Test
    void aTakenNameSaysWhichNameAndWhatToDo() {
        String engine = "Conflict. The container name \"/web-1\" is already in use by container \"3f4e1a\". "
                + "You have to remove (or rename) that container to be able to reuse that name.";

        assertThat(translate(Operation.on("container", "web-1", "create"), new ConflictException(body(engine))))
                .isInstanceOf(io.orbitr.ConflictException.class)
                .hasMessage("container name web-1 is already in use; remove or rename the other container first");
    }

    @Test
    void anImageInUseNamesTheContainer() {
        String engine = "conflict: unable to remove repository reference \"nginx:1.27\" (must force) - container "
                + "3f4e1a2b3c4d is using its referenced image 9a8b7c6d5e4f";

        assertThat(translate(Operation.on("image", "nginx:1.27", "remove"), new ConflictException(body(engine))))
                .hasMessage("image nginx:1.27 is in use by container 3f4e1a2b3c4d; remove the container first, or "
                        + "remove the image with force");
    }

    @Test
    void aTakenHostPortIsAConflict() {
        String engine = "driver failed programming external connectivity on endpoint web-1 (abc): Bind for "
                + "127.0.0.1:18080 failed: port is already allocated";

        assertThat(translate(Operation.on("container", "web-1", "start"),
                new InternalServerErrorException(body(engine))))
                .isInstanceOf(io.orbitr.ConflictException.class)
                .hasMessage("host port 127.0.0.1:18080 is already in use; publish the container on another port");
    }

    @Test
    void theEnginesOwnNetworksAreProtected() {
        assertThat(translate(Operation.on("network", "bridge", "remove"),
                new DockerException(body("bridge is a pre-defined network and cannot be removed"), 403)))
                .isInstanceOf(io.orbitr.ConflictException.class)
                .hasMessage("network bridge is one of the engine's own networks and cannot be removed");
    }

    @Test
    void aBadRequestSaysWhatWasRefused() {
        assertThat(translate(Operation.on("container", "web-1", "create"),
                new BadRequestException(body("invalid reference format"))))
                .hasMessage("create container web-1 was refused by the engine: invalid reference format");
    }

    @Test
    void aSilentEngineIsUnavailableWithTheBound() {
        RuntimeException wrapped = new RuntimeException(new SocketTimeoutException("Read timed out"));

        assertThat(translate(STOP_WEB, wrapped))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("the Docker engine 'local' (unix:///var/run/docker.sock) is unavailable (stop container web-1): "
                        + "no answer within 30000 ms");
    }

    @Test
    void aMissingSocketIsUnavailable() {
        RuntimeException wrapped = new RuntimeException(new IOException("No such file or directory"));

        assertThat(translate(Operation.of("list", "containers"), wrapped))
                .isInstanceOf(UnavailableException.class)
                .hasMessage("the Docker engine 'local' (unix:///var/run/docker.sock) is unavailable (list containers): "
                        + "No such file or directory");
    }

    @Test
    void aBodyThatIsNotJsonIsShownAsItCame() {
        assertThat(DockerErrors.engineMessage(new DockerException("Bad Gateway", 502)))
                .isEqualTo("Bad Gateway");
    }

    @Test
    void theOldEntryPointStillWorks() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> DockerErrors.call(ENGINE, "ping", () -> {
            throw new InternalServerErrorException(body("boom"));
        }))).isInstanceOf(OrbitrException.class).hasMessage("ping failed: boom");
    }
}
