package io.orbitr.docker.stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.orbitr.OrbitrException;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.LogStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Sends one {@code /containers/{id}/logs} request and decodes its body. docker-java's own log command cannot be used
 * here: its frame callback loses the frame boundaries that tell where the engine put a timestamp inside a long line,
 * and it sends {@code since} in whole seconds only. The request still goes through docker-java's transport (the
 * client's connection pool, socket and timeouts).
 */
final class LogReader {
    /** Lines longer than this are delivered in pieces (an output without newlines must not exhaust the heap). */
    static final int MAX_LINE_BYTES = 1024 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final DockerHttpClient http;
    private final String apiVersion;
    private final Clock clock;

    /**
     * @param client     a docker-java client built on a {@link DockerHttpClient}
     * @param apiVersion the engine API version the client speaks, for example {@code 1.41}
     * @param clock      stamps lines read without the engine's timestamps
     */
    LogReader(DockerClient client, String apiVersion, Clock clock) {
        if (!(client instanceof DockerClientImpl impl)) {
            throw new OrbitrException("the Docker client " + client.getClass().getName()
                    + " does not expose its transport; build it with DockerClientImpl.getInstance(config, http)");
        }
        this.http = impl.getHttpClient();
        this.apiVersion = apiVersion;
        this.clock = clock;
    }

    /**
     * Sends the request. The caller closes the response (which also stops a followed stream from another thread).
     *
     * @param container the container
     * @param query     what to read
     * @return the engine's answer
     */
    DockerHttpClient.Response send(ContainerState container, LogQuery query) {
        return http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path(container.id(), query))
                .build());
    }

    /**
     * Asks for the merged log of a swarm service's tasks. The engine has no {@code until} for service logs; the
     * caller stops reading at the instant it wants.
     *
     * @param serviceId the service's id
     * @param query     what to read
     * @return the engine's answer, which the caller closes
     */
    DockerHttpClient.Response sendService(String serviceId, LogQuery query) {
        StringBuilder path = new StringBuilder("/v").append(apiVersion).append("/services/").append(serviceId)
                .append("/logs?stdout=").append(flag(query.streams().contains(LogStream.STDOUT)))
                .append("&stderr=").append(flag(query.streams().contains(LogStream.STDERR)))
                .append("&timestamps=").append(flag(query.timestamps()))
                .append("&follow=").append(flag(query.follow()))
                .append("&tail=").append(query.tail().isPresent() ? String.valueOf(query.tail().getAsInt()) : "all");
        query.since().ifPresent(since -> path.append("&since=").append(EngineTimestamps.toQueryValue(since)));
        return http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path.toString())
                .build());
    }

    /**
     * @param response   an answer with status 200 to a service log request (always multiplexed)
     * @param timestamps whether timestamps were asked for
     * @param sink       where lines go
     * @return the decoder
     */
    LogDecoder serviceDecoder(DockerHttpClient.Response response, boolean timestamps, LineSink sink) {
        return new LogDecoder(response.getBody(), false, timestamps, clock, MAX_LINE_BYTES, BUFFER_BYTES, sink,
                ReadPacing.system());
    }

    /**
     * @param response an answer with status 200
     * @param container the container it is about
     * @param query    what was asked
     * @param sink     where lines go
     * @return the decoder, to read with and to settle unfinished lines at the end
     */
    LogDecoder decoder(DockerHttpClient.Response response, ContainerState container, LogQuery query, LineSink sink) {
        return new LogDecoder(response.getBody(), container.tty(), query.timestamps(), clock, MAX_LINE_BYTES,
                BUFFER_BYTES, sink,
                ReadPacing.system());
    }

    /**
     * @param response an answer that is not 200
     * @return the engine's message in it
     */
    static String errorMessage(DockerHttpClient.Response response) {
        try (InputStream body = response.getBody()) {
            byte[] bytes = body.readNBytes(8 * 1024);
            return StreamErrors.engineMessage(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return "status " + response.getStatusCode();
        }
    }

    private String path(String id, LogQuery query) {
        StringBuilder path = new StringBuilder("/v").append(apiVersion).append("/containers/").append(id)
                .append("/logs?stdout=").append(flag(query.streams().contains(LogStream.STDOUT)))
                .append("&stderr=").append(flag(query.streams().contains(LogStream.STDERR)))
                .append("&timestamps=").append(flag(query.timestamps()))
                .append("&follow=").append(flag(query.follow()))
                .append("&tail=").append(query.tail().isPresent() ? String.valueOf(query.tail().getAsInt()) : "all");
        // The engine takes fractional seconds: a resumed stream starts at the nanosecond, not the second.
        query.since().ifPresent(since -> path.append("&since=").append(EngineTimestamps.toQueryValue(since)));
        query.until().ifPresent(until -> path.append("&until=").append(EngineTimestamps.toQueryValue(until)));
        return path.toString();
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}
