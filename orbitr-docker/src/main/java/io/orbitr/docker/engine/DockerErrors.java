package io.orbitr.docker.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineSettings;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java's exceptions into Orbitr's, in the user's words: the engine's messages name containers by id
 * and speak its own dialect ("Conflict. The container name ... is already in use"), the user named the container
 * {@code web-1} and wants to know what to do.
 */
final class DockerErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS_PREFIX = Pattern.compile("^Status \\d{3}: ");
    private static final Pattern NO_SUCH = Pattern.compile("(?i)no such (container|image|network|volume|exec instance)"
            + ": ?(.+)");
    private static final Pattern NETWORK_NOT_FOUND = Pattern.compile("(?i)network (\\S+) not found");
    private static final Pattern VOLUME_NOT_FOUND = Pattern.compile("(?i)get (\\S+): no such volume");
    private static final Pattern NAME_IN_USE = Pattern.compile("(?i)container name \"?/?([^\" ]+)\"? is already in use");
    private static final Pattern PORT_TAKEN = Pattern.compile("(?i)Bind for (\\S+) failed: port is already allocated");
    private static final Pattern PORT_TAKEN_LISTEN = Pattern.compile(
            "(?i)listen tcp4? (\\S+): bind: address already in use");
    private static final Pattern IMAGE_USED = Pattern.compile("(?i)(?:container|by running container) (\\w{12})");

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
        return call(settings, new Operation(what, "", ""), call);
    }

    /**
     * Runs one engine call and translates its failure.
     *
     * @param settings  the engine, named in errors
     * @param operation the call in the user's words
     * @param call      the call
     */
    static <T> T call(EngineSettings settings, Operation operation, Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw translate(settings, operation, e);
        }
    }

    /**
     * @param settings  the engine, named when it is unavailable
     * @param operation the call that failed
     * @param error     how it failed
     * @return the failure in the user's words, with the original as its cause
     */
    static OrbitrException translate(EngineSettings settings, Operation operation, Throwable error) {
        if (error instanceof OrbitrException orbitr) {
            return orbitr;
        }
        if (error instanceof NotFoundException e) {
            return notFound(operation, engineMessage(e), e);
        }
        if (error instanceof ConflictException e) {
            return conflict(operation, engineMessage(e), e);
        }
        if (error instanceof DockerException e) {
            return refused(operation, e.getHttpStatus(), engineMessage(e), e);
        }
        Throwable root = rootCause(error);
        if (root instanceof IOException) {
            return unavailable(settings, operation.what(), root);
        }
        return new OrbitrException(operation.what() + " failed: " + root, error);
    }

    static UnavailableException unavailable(EngineSettings settings, String what, Throwable root) {
        String reason = root instanceof SocketTimeoutException
                ? "no answer within " + settings.requestTimeout().toMillis() + " ms"
                : String.valueOf(root.getMessage());
        return new UnavailableException("the Docker " + settings.describe() + " is unavailable (" + what + "): "
                + reason, root);
    }

    private static OrbitrException notFound(Operation operation, String message, Throwable cause) {
        Matcher m = NO_SUCH.matcher(message);
        if (m.find()) {
            String kind = m.group(1).toLowerCase(java.util.Locale.ROOT);
            return new io.orbitr.NotFoundException(kind, subjectOr(operation, kind, m.group(2).trim()), cause);
        }
        m = NETWORK_NOT_FOUND.matcher(message);
        if (m.find()) {
            return new io.orbitr.NotFoundException("network", subjectOr(operation, "network", m.group(1)), cause);
        }
        m = VOLUME_NOT_FOUND.matcher(message);
        if (m.find()) {
            return new io.orbitr.NotFoundException("volume", subjectOr(operation, "volume", m.group(1)), cause);
        }
        if (!operation.subject().isEmpty()) {
            return new io.orbitr.NotFoundException(operation.kind(), operation.subject(), cause);
        }
        // A call about no one object (the old entry point): say what the engine could not find, as it said it.
        return new io.orbitr.NotFoundException(operation.kind().isEmpty() ? "object" : operation.kind(), message,
                cause);
    }

    private static OrbitrException conflict(Operation operation, String message, Throwable cause) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        String object = operation.object();
        Matcher name = NAME_IN_USE.matcher(message);
        if (name.find()) {
            return new io.orbitr.ConflictException("container name " + name.group(1)
                    + " is already in use; remove or rename the other container first", cause);
        }
        if (lower.contains("is not running")) {
            return new io.orbitr.ConflictException(object + " is not running", cause);
        }
        if (lower.contains("is paused")) {
            return new io.orbitr.ConflictException(object + " is paused; unpause it first", cause);
        }
        if (lower.contains("is already paused")) {
            return new io.orbitr.ConflictException(object + " is already paused", cause);
        }
        if (lower.contains("is not paused")) {
            return new io.orbitr.ConflictException(object + " is not paused", cause);
        }
        if (lower.contains("cannot remove a running container") || lower.contains("stop the container before")) {
            return new io.orbitr.ConflictException(object + " is running; stop it first or remove it with force",
                    cause);
        }
        if (lower.contains("being used by running container")) {
            return new io.orbitr.ConflictException(object + " is in use by running container "
                    + usedBy(message) + "; stop and remove the container first", cause);
        }
        if (lower.contains("is using its referenced image")) {
            return new io.orbitr.ConflictException(object + " is in use by container " + usedBy(message)
                    + "; remove the container first, or remove the image with force", cause);
        }
        if (lower.contains("referenced in multiple repositories")) {
            return new io.orbitr.ConflictException(object + " has several names; remove them one by one, or remove "
                    + "the image with force", cause);
        }
        if (lower.contains("volume is in use")) {
            return new io.orbitr.ConflictException(object + " is in use; remove the containers that use it first, "
                    + "or remove it with force", cause);
        }
        if (lower.contains("already exists") || lower.contains("name conflicts with an existing object")) {
            return new io.orbitr.ConflictException(object + " already exists", cause);
        }
        return new io.orbitr.ConflictException(operation.what() + " was refused: " + message, cause);
    }

    private static OrbitrException refused(Operation operation, int status, String message, Throwable cause) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        Matcher port = PORT_TAKEN.matcher(message);
        if (port.find()) {
            return new io.orbitr.ConflictException("host port " + port.group(1)
                    + " is already in use; publish the container on another port", cause);
        }
        port = PORT_TAKEN_LISTEN.matcher(message);
        if (port.find()) {
            return new io.orbitr.ConflictException("host port " + port.group(1)
                    + " is already in use; publish the container on another port", cause);
        }
        if (lower.contains("pre-defined network")) {
            return new io.orbitr.ConflictException(operation.object()
                    + " is one of the engine's own networks and cannot be removed", cause);
        }
        if (lower.contains("has active endpoints")) {
            return new io.orbitr.ConflictException(operation.object()
                    + " is in use by containers; disconnect them first", cause);
        }
        if (lower.contains("already exists in network")) {
            return new io.orbitr.ConflictException(operation.object() + ": the container is already attached", cause);
        }
        if (lower.contains("not a swarm manager")) {
            return new io.orbitr.ConflictException(operation.what()
                    + " needs a swarm: this engine is not a swarm manager (run docker swarm init)", cause);
        }
        if (status == 400) {
            return new OrbitrException(operation.what() + " was refused by the engine: " + message, cause);
        }
        return new OrbitrException(operation.what() + " failed: " + message, cause);
    }

    /** The user's name for the object when the engine's message is about the same kind, else the engine's. */
    private static String subjectOr(Operation operation, String kind, String engineName) {
        return operation.kind().equals(kind) && !operation.subject().isEmpty() ? operation.subject() : engineName;
    }

    private static String usedBy(String message) {
        Matcher m = IMAGE_USED.matcher(message);
        return m.find() ? m.group(1) : "(unknown)";
    }

    /** The engine's own message, without docker-java's "Status 404: {...}" wrapping. */
    static String engineMessage(DockerException e) {
        String message = STATUS_PREFIX.matcher(String.valueOf(e.getMessage()).trim()).replaceFirst("");
        if (message.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(message);
                if (node.hasNonNull("message")) {
                    return node.get("message").asText().trim();
                }
            } catch (IOException notJson) {
                // The body was not the engine's JSON error; show it as it came.
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
