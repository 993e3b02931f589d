package io.orbitr.docker.stream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.transport.DockerHttpClient;
import io.orbitr.ConflictException;
import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.UnavailableException;
import io.orbitr.engine.EngineSettings;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.StatsSample;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One-off reads through the request client, for {@code ContainerEngine#recentLogs} and {@code ContainerEngine#stats}:
 * bounded by the request timeout, translated into Orbitr's exceptions. Does not own the client.
 */
public final class ContainerReads {
    private final DockerClient requests;
    private final EngineSettings settings;
    private final LogReader reader;
    private final ContainerProbe probe;
    private final Clock clock;

    /**
     * @param requests   the request client (with timeouts); not closed by this object
     * @param apiVersion the engine API version it speaks
     * @param settings   the engine's settings, named in errors
     */
    public ContainerReads(DockerClient requests, String apiVersion, EngineSettings settings) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Clock.systemUTC();
        this.reader = new LogReader(requests, apiVersion, clock);
        this.probe = new ContainerProbe(requests, settings);
    }

    /**
     * @param container the container's name or id
     * @param lines     how many of the last lines
     * @return up to that many of its last lines, oldest first, numbered from 1
     */
    public List<LogLine> recentLogs(String container, int lines) {
        Objects.requireNonNull(container, "container");
        if (lines < 0) {
            throw new InvalidValueException("lines", lines, "must be 0 or more");
        }
        ContainerState state = probe.require(container);
        List<LogLine> result = new ArrayList<>();
        String what = "read the log of " + state.label();
        try (DockerHttpClient.Response response = reader.send(state, LogQuery.tail(lines))) {
            if (response.getStatusCode() == 404) {
                throw new io.orbitr.NotFoundException("container", container);
            }
            if (response.getStatusCode() != 200) {
                throw new OrbitrException(what + " failed: " + LogReader.errorMessage(response));
            }
            LineBatcher batcher = new LineBatcher(result::addAll, Optional.empty());
            LogDecoder decoder = reader.decoder(response, state, LogQuery.tail(lines), batcher);
            decoder.readToEnd();
            if (decoder.hasPartials() && !probe.require(container).running()) {
                decoder.flushPartials();
            }
            batcher.flush();
        } catch (IOException | RuntimeException e) {
            throw StreamErrors.translate(settings, what, e);
        }
        // The engine counts entries, not lines: a long line split into entries can push the count over.
        return result.size() > lines ? List.copyOf(result.subList(result.size() - lines, result.size())) : result;
    }

    /**
     * @param container the container's name or id
     * @return one sample, CPU measured over the engine's last second
     * @throws ConflictException when the container does not run (it has no stats, and asking can hang)
     */
    public StatsSample stats(String container) {
        Objects.requireNonNull(container, "container");
        ContainerState state = probe.require(container);
        if (!state.running()) {
            throw new ConflictException(state.label() + " is not running: it has no stats");
        }
        CompletableFuture<Statistics> first = new CompletableFuture<>();
        ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics statistics) {
                first.complete(statistics);
            }

            @Override
            public void onError(Throwable error) {
                first.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                first.completeExceptionally(new ConflictException(state.label() + " sent no stats"));
            }
        };
        String what = "read the stats of " + state.label();
        try (callback) {
            requests.statsCmd(state.id()).withNoStream(true).exec(callback);
            Statistics statistics = first.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!StatsCalculator.isLive(statistics)) {
                throw new ConflictException(state.label() + " is not running: it has no stats");
            }
            return StatsCalculator.sample(statistics, clock.instant());
        } catch (TimeoutException e) {
            throw new UnavailableException("the Docker engine sent no stats for " + state.label() + " within "
                    + settings.requestTimeout().toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotFoundException) {
                throw new io.orbitr.NotFoundException("container", container, e.getCause());
            }
            throw StreamErrors.translate(settings, what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrbitrException(what + " was interrupted", e);
        } catch (IOException e) {
            throw StreamErrors.translate(settings, what, e);
        }
    }
}
