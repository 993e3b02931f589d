package io.orbitr.examples.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.orbitr.stream.LogOptions;
import io.orbitr.core.stream.PlatformStreamHub;
import io.orbitr.docker.engine.DockerEngineProvider;
import io.orbitr.engine.ContainerEngine;
import io.orbitr.engine.EngineSettings;
import io.orbitr.engine.EngineStreams;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamHub;
import io.orbitr.stream.LogQuery;
import io.orbitr.stream.SourceEnd;
import io.orbitr.stream.SourceSink;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code orbitr bench logs}: log fan-out throughput. A busybox container prints its lines as fast as it can
 * ({@code seq 1 N}) and exits; then, in this one process, its log is read directly with docker-java (no hub, with
 * and without the engine's timestamps), through Orbitr's engine source alone, and through the stream hub by 1 and
 * by 100 subscribers. Every read reads the exited container's whole log. Every subscriber must receive every line,
 * in order, or the run fails.
 */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Log fan-out throughput: direct docker-java against the hub with 1 and 100 subscribers.")
public final class LogsBenchmark implements Callable<Integer> {
    private static final Duration BOUND = Duration.ofMinutes(10);

    @Option(names = "--lines", description = "Lines the container prints (default: ${DEFAULT-VALUE}).")
    int lines = 2_000_000;

    @Option(names = "--subscribers", description = "Subscribers of the fan-out run (default: ${DEFAULT-VALUE}).")
    int subscribers = 100;

    @Option(names = "--replay-lines", description = "The hub's replay buffer, which is also how far a subscriber may"
            + " fall behind: about a second of this log, so that a subscriber held up by a busy machine catches up"
            + " instead of losing lines (default: ${DEFAULT-VALUE}).")
    int replayLines = 262_144;

    @Option(names = "--wake-ms", description = "The hub's wake interval in milliseconds (default: the hub's own).")
    Integer wakeMillis;

    @Option(names = "--rounds", description = "Rounds of the three reads; figures are medians (default:"
            + " ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--container-prefix", description = "Name prefix of the benchmark's container (default:"
            + " ${DEFAULT-VALUE}).")
    String containerPrefix = "orbitr-bench-";

    @Option(names = "--docker-host", description = "The engine (default: DOCKER_HOST, else the local socket).")
    String dockerHost;

    private final PrintStream out = System.out;
    private final Figures figures = new Figures(System.out);

    private PlatformStreamHub hub(ContainerEngine engine) {
        PlatformStreamHub.Builder builder = PlatformStreamHub.builder().engine(engine::streams).replayLines(replayLines);
        if (wakeMillis != null) {
            builder.wakeInterval(java.time.Duration.ofMillis(wakeMillis));
        }
        return builder.build();
    }

    @Override
    public Integer call() throws Exception {
        EngineSettings settings = dockerHost != null ? EngineSettings.of(java.net.URI.create(dockerHost))
                : EngineSettings.fromEnvironment(Optional.ofNullable(System.getenv("DOCKER_HOST")));
        DockerClient docker = streamClient(settings);
        String container = null;
        try {
            try (ContainerEngine engine = new DockerEngineProvider().connect(settings)) {
                BenchImage.ensureBusybox(engine, settings, out);
            }
            container = producer(docker);
            out.println("# machine: " + Runtime.getRuntime().availableProcessors() + " CPUs; every read below reads"
                    + " the exited container's whole log (" + lines + " lines) from the engine");
            out.println("# direct: docker-java logContainerCmd, lines reassembled per stream; hub: the engine's"
                    + " log through StreamHub (replay buffer " + replayLines + " lines), subscribers from the first line;"
                    + " both ask for the engine's timestamps");

            // A first read warms the JIT and the engine's file cache; it is not counted.
            directRead(docker, container, true);
            List<Double> direct = new ArrayList<>();
            List<Double> directNoTimestamps = new ArrayList<>();
            List<Double> source = new ArrayList<>();
            List<HubRun> ones = new ArrayList<>();
            List<HubRun> fanouts = new ArrayList<>();
            CpuPerLine cpu = new CpuPerLine(lines);
            String read = container;
            try (ContainerEngine engine = new DockerEngineProvider().connect(settings);
                    PlatformStreamHub hub = hub(engine)) {
                // A first fan-out warms the JIT and the hub's threads; it is not counted.
                hubRead(hub, container, subscribers);
                // Rounds interleave the reads, so that a busy spell of the machine hits all of them alike; each
                // figure is the median of its rounds.
                for (int round = 0; round < rounds; round++) {
                    direct.add(cpu.measure("direct", () -> directRead(docker, read, true)));
                    directNoTimestamps.add(directRead(docker, read, false));
                    source.add(cpu.measure("source", () -> sourceRead(engine, read)));
                    ones.add(cpu.measure("hub1", () -> hubRead(hub, read, 1)));
                    fanouts.add(cpu.measure("fanout", () -> hubRead(hub, read, subscribers)));
                }
            }
            double directRate = Median.of(direct);
            double directNoTimestampsRate = Median.of(directNoTimestamps);
            double sourceRate = Median.of(source);
            double oneRate = Median.of(ones.stream().map(HubRun::linesPerSecond).toList());
            double fanoutRate = Median.of(fanouts.stream().map(HubRun::linesPerSecond).toList());
            long complete = fanouts.stream().mapToLong(HubRun::complete).min().orElse(0);
            long completeOne = ones.stream().mapToLong(HubRun::complete).min().orElse(0);

            figures.figure("logs lines", lines);
            figures.figure("rounds", rounds);
            figures.figure("direct docker-java lines/s", directRate);
            figures.figure("direct docker-java without timestamps lines/s", directNoTimestampsRate);
            figures.figure("orbitr engine source without hub lines/s", sourceRate);
            figures.figure("hub 1 subscriber lines/s", oneRate);
            figures.figure("hub " + subscribers + " subscribers lines/s per subscriber", fanoutRate);
            figures.figure("hub " + subscribers + " subscribers receiving every line (worst round)", complete);
            figures.figure("hub " + subscribers + " subscribers lines lost (all rounds)",
                    fanouts.stream().mapToLong(HubRun::lost).sum());
            figures.figure("hub " + subscribers + " subscribers fewest lines received by one",
                    fanouts.stream().mapToLong(HubRun::received).min().orElse(0));
            figures.figure("hub 1 subscriber fewest lines received", ones.stream().mapToLong(HubRun::received)
                    .min().orElse(0));
            // Where the 2 cores go: this process's CPU per 1,000 lines in each read, and the engine's (dockerd's).
            for (String phase : List.of("direct", "source", "hub1", "fanout")) {
                figures.figure(phase + " orbitr cpu ms per 1000 lines", cpu.ownMillisPerThousand(phase));
                cpu.engineMillisPerThousand(phase).ifPresent(ms ->
                        figures.figure(phase + " dockerd cpu ms per 1000 lines", ms));
            }
            figures.ratio("fanout" + subscribers + "/direct", "lines/s", fanoutRate / directRate);
            figures.ratio("fanout" + subscribers + "/direct-without-timestamps", "lines/s",
                    fanoutRate / directNoTimestampsRate);
            figures.ratio("fanout" + subscribers + "/source", "lines/s", fanoutRate / sourceRate);
            figures.ratio("hub1/direct", "lines/s", oneRate / directRate);
            boolean everyLine = completeOne == 1 && complete == subscribers;
            if (!everyLine) {
                System.err.println("orbitr: not every subscriber received every line");
            }
            return everyLine ? 0 : 1;
        } finally {
            if (container != null) {
                docker.removeContainerCmd(container).withForce(true).exec();
            }
            docker.close();
        }
    }

    /** Runs the producer to its end; returns its id. */
    private String producer(DockerClient docker) throws InterruptedException {
        String name = containerPrefix + "logs-" + ProcessHandle.current().pid();
        String id = docker.createContainerCmd(BenchImage.BUSYBOX).withName(name).withCmd("seq", "1", String.valueOf(lines)).exec()
                .getId();
        docker.startContainerCmd(id).exec();
        int status = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                .awaitStatusCode(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        if (status != 0) {
            throw new IllegalStateException("the producer container exited with " + status);
        }
        return id;
    }

    /** Reads the whole log with docker-java alone, reassembling lines; returns lines per second. */
    private double directRead(DockerClient docker, String container, boolean timestamps) throws Exception {
        DirectLines counter = new DirectLines();
        long start = System.nanoTime();
        try (DirectLines callback = docker.logContainerCmd(container).withStdOut(true).withStdErr(true)
                .withTimestamps(timestamps).withFollowStream(false).withTailAll().exec(counter)) {
            callback.awaitCompletion(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }
        long elapsed = System.nanoTime() - start;
        if (counter.count != lines) {
            throw new IllegalStateException("the direct read got " + counter.count + " lines, not " + lines);
        }
        return lines / (elapsed / 1e9);
    }

    /** Reads the whole log through Orbitr's engine source alone (its frame decoder, no hub); returns lines/s. */
    private double sourceRead(ContainerEngine engine, String container) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        long[] count = new long[1];
        long start = System.nanoTime();
        try (EngineStreams streams = engine.streams()) {
            streams.logs(container).open(LogQuery.all(), new SourceSink<>() {
                @Override
                public void onItems(List<LogLine> items) {
                    count[0] += items.size();
                }

                @Override
                public void onEnd(SourceEnd end) {
                    done.countDown();
                }
            });
            if (!done.await(BOUND.toMillis(), TimeUnit.MILLISECONDS) || count[0] != lines) {
                throw new IllegalStateException("the source read got " + count[0] + " lines, not " + lines);
            }
        }
        return lines / ((System.nanoTime() - start) / 1e9);
    }

    /** Subscribes {@code count} subscribers from the first line and waits until each has every line. */
    private HubRun hubRead(StreamHub hub, String container, int count) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(count);
        List<Counting> counters = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Counting counter = new Counting(lines, done);
            counters.add(counter);
            subscriptions.add(hub.containerLogs(container, LogOptions.builder().fromStart().build(), counter));
        }
        boolean finished = done.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        long elapsed = System.nanoTime() - start;
        subscriptions.forEach(Subscription::cancel);
        long complete = counters.stream().filter(Counting::complete).count();
        long lost = counters.stream().mapToLong(counter -> counter.lost).sum();
        long received = counters.stream().mapToLong(counter -> counter.received).min().orElse(0);
        if (!finished) {
            System.err.println("orbitr: the hub run with " + count + " subscribers did not finish within " + BOUND);
        }
        return new HubRun(lines / (elapsed / 1e9), complete, lost, received);
    }

    private static DockerClient streamClient(EngineSettings settings) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.host().toString()).withApiVersion("1.41").build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).connectionTimeout(settings.connectTimeout()).build());
    }

    /** What one hub run measured. */
    private record HubRun(double linesPerSecond, long complete, long lost, long received) {
    }

    /** A subscriber that counts lines and checks that their ids run on without a gap. */
    private static final class Counting implements StreamSubscriber<LogLine> {
        private final long expected;
        private final CountDownLatch done;
        private long received;
        private long nextId = 1;
        private long gaps;
        private volatile long lost;

        Counting(long expected, CountDownLatch done) {
            this.expected = expected;
            this.done = done;
        }

        @Override
        public void onNext(LogLine line) {
            if (line.id() != nextId) {
                gaps++;
            }
            nextId = line.id() + 1;
            if (++received == expected) {
                done.countDown();
            }
        }

        @Override
        public void onEvent(StreamEvent event) {
            if (event.kind() == StreamEvent.Kind.LOST) {
                lost += event.count();
            }
        }

        @Override
        public void onComplete(String reason) {
            if (received < expected) {
                done.countDown();
            }
        }

        @Override
        public void onError(Throwable error) {
            if (received < expected) {
                done.countDown();
            }
        }

        boolean complete() {
            return received == expected && gaps == 0 && lost == 0;
        }
    }

    /**
     * docker-java's frame callback doing what a direct reader must: reassemble lines per stream (a frame is not a
     * line; its payload is reused, so it is copied before onNext returns).
     */
    private static final class DirectLines extends ResultCallback.Adapter<Frame> {
        private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);
        private long count;

        @Override
        public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            ByteArrayOutputStream pending = partial.computeIfAbsent(frame.getStreamType(),
                    type -> new ByteArrayOutputStream());
            int start = 0;
            for (int i = 0; i < payload.length; i++) {
                if (payload[i] == '\n') {
                    String line;
                    if (pending.size() == 0) {
                        line = new String(payload, start, i - start, StandardCharsets.UTF_8);
                    } else {
                        pending.write(payload, start, i - start);
                        line = pending.toString(StandardCharsets.UTF_8);
                        pending.reset();
                    }
                    if (line != null) {
                        count++;
                    }
                    start = i + 1;
                }
            }
            pending.write(payload, start, payload.length - start);
        }
    }
}
