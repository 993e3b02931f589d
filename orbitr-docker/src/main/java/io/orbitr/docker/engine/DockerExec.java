package io.orbitr.docker.engine;

import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import io.orbitr.InvalidValueException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.ExecResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Runs a command inside a container and captures its exit code and output. */
final class DockerExec {
    /** The largest output a caller may ask to keep in memory. */
    static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
    /** The engine records the exit code a moment after the output ends; how long to wait for it at most. */
    private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(5);

    private final DockerCalls calls;

    DockerExec(DockerCalls calls) {
        this.calls = calls;
    }

    ExecResult run(String container, List<String> command, Duration timeout, int maxOutputBytes) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty() || command.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException("command", command, "must name a program, without null arguments");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidValueException("exec timeout", timeout, "must be positive");
        }
        if (maxOutputBytes < 1 || maxOutputBytes > MAX_OUTPUT_BYTES) {
            throw new InvalidValueException("max output bytes", maxOutputBytes,
                    "must be between 1 and " + MAX_OUTPUT_BYTES);
        }
        Operation operation = Operation.on("container", container, "run " + command + " in");
        String execId = calls.call(operation, client -> client.execCreateCmd(container)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec().getId());
        Output output = new Output(maxOutputBytes);
        try {
            // The stream client: a command may stay silent longer than the request timeout.
            DockerErrors.call(calls.settings(), operation, () -> calls.streams().execStartCmd(execId).exec(output));
            if (!output.awaitEnd(timeout.toMillis())) {
                throw new UnavailableException("command " + command + " in container " + container
                        + " did not finish within " + timeout.toMillis() + " ms");
            }
            if (output.failure().isPresent()) {
                throw DockerErrors.translate(calls.settings(), operation, output.failure().get());
            }
            return new ExecResult(exitCode(operation, execId), output.text(), output.truncated);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while running " + command + " in container " + container, e);
        } finally {
            output.closeQuietly();
        }
    }

    private int exitCode(Operation operation, String execId) throws InterruptedException {
        long deadline = System.nanoTime() + EXIT_CODE_WAIT.toNanos();
        while (true) {
            InspectExecResponse state = calls.call(operation, client -> client.inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(state.isRunning()) && state.getExitCodeLong() != null) {
                return state.getExitCodeLong().intValue();
            }
            if (System.nanoTime() > deadline) {
                throw new UnavailableException(operation.what() + ": the engine did not report an exit code within "
                        + EXIT_CODE_WAIT.toMillis() + " ms");
            }
            Thread.sleep(5);
        }
    }

    /** Collects stdout and stderr in arrival order, up to a bound. */
    private static final class Output extends FiniteCallback<Frame> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean truncated;

        Output(int max) {
            this.max = max;
        }

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            if (payload == null) {
                return;
            }
            synchronized (bytes) {
                int room = max - bytes.size();
                if (payload.length > room) {
                    truncated = true;
                }
                // write() copies: docker-java reuses the payload array after onNext returns.
                bytes.write(payload, 0, Math.max(0, Math.min(room, payload.length)));
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
