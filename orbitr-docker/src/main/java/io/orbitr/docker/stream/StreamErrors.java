package io.orbitr.docker.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineSettings;
import java.io.IOException;

/** Puts the failures of stream calls in the user's words. */
final class StreamErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamErrors() {
    }

    /**
     * @param settings the engine, named in the message
     * @param what     what was being done, for example {@code read the log of container web-1}
     * @param error    the failure
     * @return the Orbitr exception to throw or report
     */
    static OrbitrException translate(EngineSettings settings, String what, Throwable error) {
        if (error instanceof OrbitrException orbitr) {
            return orbitr;
        }
        if (isConnectionFailure(error)) {
            return new UnavailableException("the Docker " + settings.describe() + " is unavailable (" + what
                    + "): " + describe(rootCause(error)), error);
        }
        if (error instanceof DockerException docker) {
            return new OrbitrException(what + " failed: " + engineMessage(docker.getMessage()), error);
        }
        return new OrbitrException(what + " failed: " + describe(rootCause(error)), error);
    }

    /** @return whether the failure is the connection's (the engine is down or restarting), not the request's */
    static boolean isConnectionFailure(Throwable error) {
        return rootCause(error) instanceof IOException;
    }

    /**
     * @param body an engine error body, {@code {"message":"..."}}, or any text
     * @return the engine's message
     */
    static String engineMessage(String body) {
        String text = String.valueOf(body).strip();
        int json = text.indexOf('{');
        if (json >= 0) {
            try {
                JsonNode message = JSON.readTree(text.substring(json)).path("message");
                if (message.isTextual()) {
                    return message.asText();
                }
            } catch (IOException e) {
                // not JSON after all: the text is the message
            }
        }
        return text;
    }

    static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
