package io.orbitr.docker.engine;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineSettings;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.Callable;

/** Turns docker-java's exceptions into Orbitr's, in the user's words. */
final class DockerErrors {

    private DockerErrors() {
    }

    /**
     * Runs one engine call and translates its failure.
     *
     * @param settings the engine, named in errors
     * @param what     what the call does, for example {@code list containers}
     * @param call     the call
     */
    static <T> T call(EngineSettings settings, String what, Callable<T> call) {
        try {
            return call.call();
        } catch (NotFoundException e) {
            throw new io.orbitr.NotFoundException(what, engineMessage(e), e);
        } catch (ConflictException e) {
            throw new io.orbitr.ConflictException(what + ": " + engineMessage(e), e);
        } catch (DockerException e) {
            throw new OrbitrException(what + " failed: " + engineMessage(e), e);
        } catch (RuntimeException e) {
            Throwable root = rootCause(e);
            if (root instanceof IOException) {
                throw unavailable(settings, what, root);
            }
            throw new OrbitrException(what + " failed: " + root.getMessage(), e);
        } catch (Exception e) {
            throw new OrbitrException(what + " failed: " + e.getMessage(), e);
        }
    }

    static UnavailableException unavailable(EngineSettings settings, String what, Throwable root) {
        String reason = root instanceof SocketTimeoutException
                ? "no answer within " + settings.requestTimeout().toMillis() + " ms"
                : String.valueOf(root.getMessage());
        return new UnavailableException("the Docker engine at " + settings.host() + " is unavailable (" + what + "): "
                + reason, root);
    }

    /** The engine's own message, without docker-java's "Status 404: {...}" wrapping. */
    static String engineMessage(DockerException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("\"message\":\"");
        if (start >= 0) {
            int from = start + "\"message\":\"".length();
            int end = message.indexOf('"', from);
            if (end > from) {
                return message.substring(from, end);
            }
        }
        return message;
    }

    static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
