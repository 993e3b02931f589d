package io.orbitr.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.websocket.WsContext;
import io.orbitr.InvalidValueException;
import io.orbitr.OrbitrException;
import io.orbitr.core.Orbitr;
import io.orbitr.engine.EngineSettings;
import io.orbitr.stream.LogOptions;
import io.orbitr.stream.LogLine;
import io.orbitr.stream.StatsSample;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One WebSocket connection and its subscriptions. Lines reach it from the stream hub's delivery threads and leave in
 * batches; nothing here ever blocks a hub thread. A client that does not read fast enough holds at most
 * {@value #MAX_IN_FLIGHT} messages in the socket and {@value #MAX_PENDING_LINES} lines per subscription; beyond
 * that lines are dropped, counted, and reported as one {@code LOST} event when it catches up, so a slow client never
 * slows the others nor grows the server's memory.
 */
final class SocketClient {
    static final int MAX_IN_FLIGHT = 32;
    /**
     * How many shared batches a socket may hold: each holds a view of bytes that every member's socket shares, not a
     * copy, so a deeper queue costs a frame per message, and lets a client that a busy moment held up catch up
     * instead of losing what the queue of its own messages could not take.
     */
    static final int MAX_SHARED_IN_FLIGHT = 256;
    static final int MAX_PENDING_LINES = 10_000;
    static final int BATCH_LINES = 1000;
    static final long FLUSH_DELAY_MS = 20;
    static final int MAX_SUBSCRIPTIONS = 64;
    static final int MAX_TAIL = 10_000;
    /** More bad messages than this within a minute close the connection (1008): a flood, not a mistake. */
    static final int MAX_BAD_PER_MINUTE = 1000;
    private static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final WsContext ctx;
    private final Principal principal;
    private final Orbitr orbitr;
    private final Jobs jobs;
    private final ScheduledExecutorService timer;
    private final LineEncoder encoder;
    private final LogGroups groups;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Followed> logs = new ConcurrentHashMap<>();
    private final Map<String, Subscription> stats = new ConcurrentHashMap<>();
    /** Engine events, by engine endpoint. */
    private final Map<String, Subscription> engineEvents = new ConcurrentHashMap<>();
    private volatile Consumer<Job> jobListener;
    private volatile AutoCloseable healthListener;
    private volatile boolean closed;
    private long badWindowStart;
    private int badInWindow;

    SocketClient(WsContext ctx, Principal principal, Orbitr orbitr, Jobs jobs, ScheduledExecutorService timer,
            LineEncoder encoder, LogGroups groups) {
        this.ctx = ctx;
        this.encoder = encoder;
        this.groups = groups;
        this.principal = principal;
        this.orbitr = orbitr;
        this.jobs = jobs;
        this.timer = timer;
    }

    /** A followed log on this connection: a follower of its own, or a seat in a shared {@link LogGroup}. */
    interface Followed {
        /** Stops following; idempotent. */
        void cancel();

        /** Sends what waits, soon, now that the socket has room again. */
        void schedule();
    }

    /** What a client sends; {@code engine} names a container's engine endpoint ({@code local} when absent). */
    record ClientMessage(String type, String containerId, String instanceId, Integer tail, Long sinceId, String filter,
            Boolean exclude, List<String> streams, String targetId, String engine) {
    }

    void receive(String text) {
        ClientMessage message;
        try {
            message = Json.mapper().readValue(text, ClientMessage.class);
        } catch (IOException e) {
            Problem problem = Problem.of(e, "/ws");
            bad(problem.detail(), problem.field());
            return;
        }
        if (message == null || message.type() == null) {
            bad("a message needs a \"type\"", Optional.of("type"));
            return;
        }
        try {
            switch (message.type()) {
                case "subscribe_logs" -> subscribeLogs(message);
                case "subscribe_instance_logs" -> subscribeInstanceLogs(message);
                case "unsubscribe_instance_logs" -> {
                    Followed follower = logs.remove("instance:" + instance(message));
                    if (follower != null) {
                        follower.cancel();
                    }
                }
                case "subscribe_events" -> subscribeEvents(engine(message));
                case "unsubscribe_events" -> {
                    Subscription events = engineEvents.remove(engine(message));
                    if (events != null) {
                        events.cancel();
                    }
                }
                case "unsubscribe_logs" -> {
                    Followed follower = logs.remove(followKey(engine(message), container(message)));
                    if (follower != null) {
                        follower.cancel();
                    }
                }
                case "subscribe_stats" -> subscribeStats(message);
                case "unsubscribe_stats" -> {
                    Subscription subscription = stats.remove(followKey(engine(message), container(message)));
                    if (subscription != null) {
                        subscription.cancel();
                    }
                }
                case "subscribe_health" -> subscribeHealth(message);
                case "unsubscribe_health" -> unsubscribeHealth();
                case "subscribe_jobs" -> subscribeJobs();
                case "unsubscribe_jobs" -> {
                    Consumer<Job> listener = jobListener;
                    jobListener = null;
                    if (listener != null) {
                        jobs.unlisten(listener);
                    }
                }
                case "ping" -> control(Map.of("type", "pong"));
                default -> throw new InvalidValueException("type", message.type(), "is not a message type;"
                        + " expected subscribe_logs, unsubscribe_logs, subscribe_stats, unsubscribe_stats,"
                        + " subscribe_instance_logs, unsubscribe_instance_logs, subscribe_events,"
                        + " unsubscribe_events, subscribe_health, unsubscribe_health, subscribe_jobs,"
                        + " unsubscribe_jobs or ping");
            }
        } catch (InvalidValueException e) {
            bad(e.getMessage(), Optional.of(e.field()));
        } catch (ApiException e) {
            bad(e.getMessage(), e.field());
        } catch (OrbitrException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("type", "error");
            error.put("message", e.getMessage());
            Optional.ofNullable(message.containerId()).ifPresent(c -> error.put("containerId", c));
            Optional.ofNullable(message.engine()).filter(n -> !n.equals(EngineSettings.LOCAL))
                    .ifPresent(n -> error.put("engine", n));
            error.put("status", Problem.of(e, "/ws").status());
            control(error);
        }
    }

    private void subscribeLogs(ClientMessage message) {
        require(Role.OPERATOR, "following logs");
        String container = container(message);
        String engine = engine(message);
        String key = followKey(engine, container);
        if (logs.containsKey(key)) {
            throw new InvalidValueException("containerId", container, "is already followed on this connection"
                    + (engine.equals(EngineSettings.LOCAL) ? "" : " (engine " + engine + ")"));
        }
        limit();
        int tail = tail(message);
        long sinceId = sinceId(message);
        if (tail == 0 && sinceId < 0) {
            // Live only: a seat in the group of every client with this filter, which encodes each batch once.
            io.orbitr.stream.LogFilter filter = LogFilters.of(message.filter(), message.exclude(), message.streams());
            String filterKey = message.filter() + '\u0000' + message.exclude() + '\u0000' + message.streams();
            logs.put(key, groups.join(this, key, engine, container, filterKey, filter));
            return;
        }
        LogFollower follower = new LogFollower("containerId", container, engine, key, sinceId);
        logs.put(key, follower);
        try {
            // A resume asks for as much history as the hub keeps, then skips what the client has seen.
            LogOptions options = LogOptions.builder().tail(sinceId >= 0 ? MAX_TAIL : tail)
                    .filter(LogFilters.of(message.filter(), message.exclude(), message.streams())).build();
            follower.subscription = orbitr.streams().containerLogs(engine, container, options, follower);
        } catch (RuntimeException e) {
            logs.remove(key, follower);
            throw e;
        }
    }

    private void subscribeInstanceLogs(ClientMessage message) {
        require(Role.OPERATOR, "following logs");
        String instance = instance(message);
        String key = "instance:" + instance;
        if (logs.containsKey(key)) {
            throw new InvalidValueException("instanceId", instance, "is already followed on this connection");
        }
        limit();
        int tail = tail(message);
        long sinceId = sinceId(message);
        LogFollower follower = new LogFollower("instanceId", instance, EngineSettings.LOCAL, key, sinceId);
        logs.put(key, follower);
        try {
            follower.subscription = orbitr.feature(io.orbitr.jdclient.instance.InstanceManager.class)
                    .followLogs(instance, sinceId >= 0 ? MAX_TAIL : tail, follower);
        } catch (RuntimeException e) {
            logs.remove(key, follower);
            throw e;
        }
    }

    private void subscribeEvents(String engine) {
        if (engineEvents.containsKey(engine)) {
            return;
        }
        limit();
        // The stream may end (on another thread) before events() returns: whichever of the two comes second takes
        // the entry out, so that an ended stream never keeps later subscribe_events from subscribing again.
        AtomicReference<Subscription> own = new AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        Subscription subscription = orbitr.engines().get(engine).events(io.orbitr.engine.EventFilter.all(),
                new StreamSubscriber<io.orbitr.engine.EngineEvent>() {
                    @Override
                    public void onNext(io.orbitr.engine.EngineEvent event) {
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("type", "engine_event");
                        withEngine(out, engine);
                        out.put("event", event);
                        trySend(encode(out));
                    }

                    @Override
                    public void onComplete(String reason) {
                        ended.set(true);
                        Subscription current = own.get();
                        if (current != null) {
                            engineEvents.remove(engine, current);
                        }
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("type", "event");
                        withEngine(out, engine);
                        out.put("stream", "engine_events");
                        out.put("event", "END");
                        out.put("reason", reason);
                        control(out);
                    }
                });
        own.set(subscription);
        engineEvents.put(engine, subscription);
        if (ended.get()) {
            engineEvents.remove(engine, subscription);
        }
    }

    private static int tail(ClientMessage message) {
        int tail = message.tail() == null ? LogOptions.DEFAULT_TAIL : message.tail();
        if (tail < 0 || tail > MAX_TAIL) {
            throw new InvalidValueException("tail", tail, "must be between 0 and " + MAX_TAIL);
        }
        return tail;
    }

    private static long sinceId(ClientMessage message) {
        long sinceId = message.sinceId() == null ? -1 : message.sinceId();
        if (message.sinceId() != null && sinceId < 0) {
            throw new InvalidValueException("sinceId", sinceId, "must not be negative");
        }
        return sinceId;
    }

    private static String instance(ClientMessage message) {
        String id = message.instanceId();
        if (id == null || !CONTAINER.matcher(id).matches()) {
            throw new InvalidValueException("instanceId", id, "must be a jd-client instance's name or id");
        }
        return id;
    }

    private void subscribeStats(ClientMessage message) {
        String container = container(message);
        String engine = engine(message);
        String key = followKey(engine, container);
        if (stats.containsKey(key)) {
            throw new InvalidValueException("containerId", container, "is already watched on this connection"
                    + (engine.equals(EngineSettings.LOCAL) ? "" : " (engine " + engine + ")"));
        }
        limit();
        StatsFollower follower = new StatsFollower(container, engine, key);
        stats.put(key, follower);
        try {
            follower.subscription = orbitr.streams().containerStats(engine, container, follower);
        } catch (RuntimeException e) {
            stats.remove(key, follower);
            throw e;
        }
    }

    /**
     * Health transitions: every status change of every target (or of the one {@code targetId}) as
     * {@code {"type":"health","targetId":...,"from":"UP","to":"DOWN","result":{...}}}.
     */
    private void subscribeHealth(ClientMessage message) {
        if (healthListener != null) {
            throw new InvalidValueException("type", message.type(), "health is already followed on this connection;"
                    + " send unsubscribe_health first");
        }
        Optional<String> only = Optional.ofNullable(message.targetId());
        only.ifPresent(id -> {
            if (!CONTAINER.matcher(id).matches()) {
                throw new InvalidValueException("targetId", id, "must be a health target's id");
            }
        });
        limit();
        healthListener = orbitr.health().addListener(change -> {
            if (only.isPresent() && !only.get().equals(change.targetId())) {
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", "health");
            out.put("targetId", change.targetId());
            out.put("from", change.from().name());
            out.put("to", change.to().name());
            out.put("result", HealthEndpoints.ResultView.of(change.result()));
            // The monitor's thread must not wait: a client far behind loses this one (it can read the list again).
            trySend(encode(out));
        });
    }

    private void unsubscribeHealth() {
        AutoCloseable listener = healthListener;
        healthListener = null;
        if (listener != null) {
            try {
                listener.close();
            } catch (Exception e) {
                throw new OrbitrException("could not stop following health: " + e.getMessage(), e);
            }
        }
    }

    private void subscribeJobs() {
        if (jobListener != null) {
            return;
        }
        Consumer<Job> listener = job -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", "job");
            out.put("job", job);
            trySend(encode(out));
        };
        jobListener = listener;
        jobs.listen(listener);
    }

    private void require(Role role, String what) {
        if (!principal.role().allows(role)) {
            throw new ApiException(403, what + " needs the " + role.label() + " role; " + principal.name() + " is "
                    + principal.role().label());
        }
    }

    private void limit() {
        if (logs.size() + stats.size() + engineEvents.size() + (healthListener == null ? 0 : 1)
                >= MAX_SUBSCRIPTIONS) {
            throw new ApiException(400, "at most " + MAX_SUBSCRIPTIONS + " subscriptions per connection");
        }
    }

    /**
     * @return the message's engine endpoint, {@code local} when it names none
     * @throws InvalidValueException (field {@code engine}) when it names one that is not configured
     */
    private String engine(ClientMessage message) {
        return message.engine() == null ? EngineSettings.LOCAL
                : orbitr.engines().requireConfigured("engine", message.engine());
    }

    /**
     * The key of a followed container on this connection: the same container id on two engines is two follows.
     * (Neither an endpoint's name nor a container's may hold a '/'.)
     */
    static String followKey(String engine, String container) {
        return "container:" + (engine.equals(EngineSettings.LOCAL) ? "" : engine + "/") + container;
    }

    /** Names the engine endpoint in a message about one of its containers, unless it is {@code local}. */
    static Map<String, Object> withEngine(Map<String, Object> message, String engine) {
        if (!engine.equals(EngineSettings.LOCAL)) {
            message.put("engine", engine);
        }
        return message;
    }

    private static String container(ClientMessage message) {
        String id = message.containerId();
        if (id == null || !CONTAINER.matcher(id).matches()) {
            throw new InvalidValueException("containerId", id, "must be a container's name or id");
        }
        return id;
    }

    private void bad(String message, Optional<String> field) {
        long now = System.nanoTime();
        synchronized (this) {
            if (now - badWindowStart > TimeUnit.MINUTES.toNanos(1)) {
                badWindowStart = now;
                badInWindow = 0;
            }
            if (++badInWindow > MAX_BAD_PER_MINUTE) {
                close(1008, "too many bad messages");
                return;
            }
        }
        error(message, field);
    }

    void error(String message, Optional<String> field) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("message", message);
        field.ifPresent(f -> error.put("field", f));
        control(error);
    }

    /** Sends a control message; dropped only when the client is far behind. */
    private void control(Map<String, Object> message) {
        send(encode(message), MAX_IN_FLIGHT * 2);
    }

    /** @return whether the text was handed to the socket; false when the client is behind or gone */
    boolean trySend(String text) {
        return send(text, MAX_IN_FLIGHT);
    }

    /**
     * Writes an encoded text message whose bytes other connections share: the frame takes a view of them, never a
     * copy, and the socket's own encoding step is skipped.
     *
     * @param utf8 the message, UTF-8 encoded; its position and limit are left as they are
     * @return whether it was handed to the socket; false when the client is behind or gone
     */
    boolean trySendShared(java.nio.ByteBuffer utf8) {
        if (closed || !ctx.session.isOpen()) {
            return false;
        }
        if (inFlight.incrementAndGet() > MAX_SHARED_IN_FLIGHT) {
            inFlight.decrementAndGet();
            return false;
        }
        try {
            if (ctx.session instanceof org.eclipse.jetty.websocket.common.WebSocketSession jetty) {
                jetty.getCoreSession().sendFrame(new org.eclipse.jetty.websocket.core.Frame(
                        org.eclipse.jetty.websocket.core.OpCode.TEXT, utf8.slice()),
                        org.eclipse.jetty.util.Callback.from(this::sent, error -> sent()), false);
            } else {
                ctx.session.sendText(java.nio.charset.StandardCharsets.UTF_8.decode(utf8.slice()).toString(),
                        Callback.from(this::sent, error -> sent()));
            }
            return true;
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            return false;
        }
    }

    /** Sends a control message (a stream event); dropped only when the client is far behind. */
    void sendControl(String text) {
        send(text, MAX_IN_FLIGHT * 2);
    }

    /** Sends a message that must not be dropped (the end of a stream). */
    void sendAlways(String text) {
        send(text, Integer.MAX_VALUE);
    }

    /** Forgets a subscription that ended by itself. */
    void forget(String key, Followed followed) {
        logs.remove(key, followed);
    }

    private boolean send(String text, int cap) {
        if (closed || !ctx.session.isOpen()) {
            return false;
        }
        if (inFlight.incrementAndGet() > cap) {
            inFlight.decrementAndGet();
            return false;
        }
        try {
            ctx.session.sendText(text, Callback.from(this::sent, error -> sent()));
            return true;
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            return false;
        }
    }

    private void sent() {
        if (inFlight.decrementAndGet() == MAX_IN_FLIGHT / 2 && !closed) {
            // Never from here directly: Jetty may complete a send inside sendText, on a thread that holds one
            // follower's lock, and scheduling takes the others' locks.
            timer.execute(() -> logs.values().forEach(Followed::schedule));
        }
    }

    static String encode(Object message) {
        try {
            return Json.mapper().writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void close(int code, String reason) {
        release();
        if (ctx.session.isOpen()) {
            ctx.closeSession(code, reason);
        }
    }

    /** Cancels every subscription; idempotent. */
    void release() {
        closed = true;
        logs.values().forEach(Followed::cancel);
        logs.clear();
        stats.values().forEach(Subscription::cancel);
        stats.clear();
        engineEvents.values().forEach(Subscription::cancel);
        engineEvents.clear();
        Consumer<Job> listener = jobListener;
        jobListener = null;
        if (listener != null) {
            jobs.unlisten(listener);
        }
        try {
            unsubscribeHealth();
        } catch (OrbitrException e) {
            // closing anyway
        }
    }

    private static Map<String, Object> containerEvent(String container, String engine, String stream, String kind) {
        return event("containerId", container, engine, stream, kind);
    }

    /**
     * @return as {@link #event(String, String, String, String)}, with the container's engine endpoint unless it is
     *     {@code local}
     */
    static Map<String, Object> event(String field, String subject, String engine, String stream, String kind) {
        Map<String, Object> out = event(field, subject, stream, kind);
        if (!engine.equals(EngineSettings.LOCAL)) {
            // After the subject, before the stream: the order a reader of the raw text expects.
            Map<String, Object> ordered = new LinkedHashMap<>();
            out.forEach((key, value) -> {
                ordered.put(key, value);
                if (key.equals(field)) {
                    ordered.put("engine", engine);
                }
            });
            return ordered;
        }
        return out;
    }

    /**
     * @return the start of a stream event message, {@code {"type":"event",FIELD:SUBJECT,"stream":...,"event":...}},
     *     to which the caller adds the event's own fields
     */
    static Map<String, Object> event(String field, String subject, String stream, String kind) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "event");
        out.put(field, subject);
        out.put("stream", stream);
        out.put("event", kind);
        return out;
    }

    /** One followed log: lines batched, at most {@value #MAX_PENDING_LINES} waiting, the rest counted as lost. */
    private final class LogFollower implements StreamSubscriber<LogLine>, Followed {
        private final String field;
        private final String container;
        private final String engine;
        private final String key;
        private final long sinceId;
        private final List<LogLine> pending = new ArrayList<>();
        private volatile Subscription subscription;
        private long lost;
        private boolean scheduled;
        private boolean first = true;
        private boolean ended;

        LogFollower(String field, String container, String engine, String key, long sinceId) {
            this.field = field;
            this.container = container;
            this.engine = engine;
            this.key = key;
            this.sinceId = sinceId;
        }

        @Override
        public synchronized void onNext(LogLine line) {
            if (line.id() <= sinceId) {
                return;
            }
            if (first && sinceId >= 0 && line.id() > sinceId + 1) {
                // The replay buffer no longer reaches back to the client's last line.
                lost += line.id() - sinceId - 1;
            }
            first = false;
            if (pending.size() >= MAX_PENDING_LINES) {
                lost++;
            } else {
                pending.add(line);
            }
            if (pending.size() >= BATCH_LINES) {
                flush();
            } else {
                schedule();
            }
        }

        @Override
        public synchronized void schedule() {
            if (!scheduled && !ended && (!pending.isEmpty() || lost > 0)) {
                scheduled = true;
                timer.schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void flush() {
            scheduled = false;
            if (lost > 0) {
                Map<String, Object> event = event(field, container, engine, "logs", "LOST");
                event.put("count", lost);
                if (!trySend(encode(event))) {
                    retryLater();
                    return;
                }
                lost = 0;
            }
            while (!pending.isEmpty()) {
                List<LogLine> chunk = pending.subList(0, Math.min(BATCH_LINES, pending.size()));
                if (!trySend(encoder.batch(field, container, engine, chunk))) {
                    retryLater();
                    return;
                }
                chunk.clear();
            }
        }

        private void retryLater() {
            if (!closed && !ended) {
                scheduled = true;
                timer.schedule(this::flush, 100, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void onEvent(StreamEvent event) {
            synchronized (this) {
                if (event.kind() == StreamEvent.Kind.LOST) {
                    // Counted with the lines this client dropped itself, and told in order, never dropped.
                    lost += event.count();
                    schedule();
                    return;
                }
                flush();
            }
            Map<String, Object> out = event(field, container, engine, "logs", event.kind().name());
            out.put("count", event.count());
            out.put("message", event.message());
            control(out);
        }

        @Override
        public void onComplete(String reason) {
            end(reason);
        }

        @Override
        public void onError(Throwable error) {
            end(String.valueOf(error.getMessage()));
        }

        private void end(String reason) {
            synchronized (this) {
                flush();
                ended = true;
            }
            logs.remove(key, this);
            Map<String, Object> out = event(field, container, engine, "logs", "END");
            out.put("reason", reason);
            // The end is never dropped, however far behind the client is: it is the last message of the stream.
            send(encode(out), Integer.MAX_VALUE);
        }

        @Override
        public void cancel() {
            synchronized (this) {
                ended = true;
                pending.clear();
            }
            Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }

    /** One watched container's stats: a sample dropped, not queued, when the client is behind. */
    private final class StatsFollower implements StreamSubscriber<StatsSample>, Subscription {
        private final String container;
        private final String engine;
        private final String key;
        private volatile Subscription subscription;

        StatsFollower(String container, String engine, String key) {
            this.container = container;
            this.engine = engine;
            this.key = key;
        }

        @Override
        public void onNext(StatsSample sample) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", "stats");
            out.put("containerId", container);
            withEngine(out, engine);
            out.put("sample", sample);
            trySend(encode(out));
        }

        @Override
        public void onEvent(StreamEvent event) {
            Map<String, Object> out = containerEvent(container, engine, "stats", event.kind().name());
            out.put("count", event.count());
            out.put("message", event.message());
            control(out);
        }

        @Override
        public void onComplete(String reason) {
            stats.remove(key, this);
            Map<String, Object> out = containerEvent(container, engine, "stats", "END");
            out.put("reason", reason);
            control(out);
        }

        @Override
        public void onError(Throwable error) {
            onComplete(String.valueOf(error.getMessage()));
        }

        @Override
        public void cancel() {
            Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public boolean isCancelled() {
            Subscription current = subscription;
            return current != null && current.isCancelled();
        }
    }
}
