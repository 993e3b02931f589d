package io.orbitr.examples.server;

import io.orbitr.stream.LogLine;
import io.orbitr.stream.StreamEvent;
import io.orbitr.stream.StreamSubscriber;
import io.orbitr.stream.Subscription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every connection that follows one container's log (on one engine endpoint) live with one filter: one hub subscription, lines batched as for
 * a single client ({@value SocketClient#BATCH_LINES} lines or {@value SocketClient#FLUSH_DELAY_MS} ms), each batch
 * encoded to UTF-8 once and the same bytes written to every member's socket. A member that is behind (its socket holds
 * {@value SocketClient#MAX_SHARED_IN_FLIGHT} messages) misses the batch, counts its lines and is told them in one
 * {@code LOST} event before its next batch: it never slows the others, and the group never queues for it.
 * Thread-safe.
 */
final class LogGroup implements StreamSubscriber<LogLine> {
    private static final String FIELD = "containerId";
    private static final long RETRY_MS = 100;

    private final LogGroups owner;
    private final String groupKey;
    private final String engine;
    private final String container;
    private final ScheduledExecutorService timer;
    private final LineEncoder encoder;
    private final List<LogLine> pending = new ArrayList<>();
    private final Map<Member, Boolean> members = new LinkedHashMap<>();
    private volatile Subscription subscription;
    private volatile boolean ended;
    private boolean cancelled;
    private boolean scheduled;

    LogGroup(LogGroups owner, String groupKey, String engine, String container, ScheduledExecutorService timer,
            LineEncoder encoder) {
        this.owner = owner;
        this.groupKey = groupKey;
        this.engine = engine;
        this.container = container;
        this.timer = timer;
        this.encoder = encoder;
    }

    /** One client's seat: what it lost since its last batch. */
    final class Member implements SocketClient.Followed {
        private final SocketClient client;
        private final String key;
        private long lost;

        private Member(SocketClient client, String key) {
            this.client = client;
            this.key = key;
        }

        @Override
        public void cancel() {
            leave(this);
        }

        @Override
        public void schedule() {
            LogGroup.this.schedule();
        }
    }

    synchronized Member join(SocketClient client, String key) {
        Member member = new Member(client, key);
        members.put(member, Boolean.TRUE);
        return member;
    }

    void subscribe(Subscription subscription) {
        this.subscription = subscription;
        boolean cancelNow;
        synchronized (this) {
            cancelNow = cancelled;
        }
        if (cancelNow) {
            subscription.cancel();
        }
    }

    boolean isEnded() {
        return ended;
    }

    private void leave(Member member) {
        boolean empty;
        synchronized (owner) {
            synchronized (this) {
                members.remove(member);
                empty = members.isEmpty();
                if (empty) {
                    cancelled = true;
                    pending.clear();
                    owner.remove(groupKey, this);
                }
            }
        }
        Subscription current = subscription;
        if (empty && current != null) {
            current.cancel();
        }
    }

    @Override
    public synchronized void onNext(LogLine line) {
        if (cancelled) {
            return;
        }
        pending.add(line);
        if (pending.size() >= SocketClient.BATCH_LINES) {
            flush();
        } else {
            schedule();
        }
    }

    synchronized void schedule() {
        if (!scheduled && !cancelled && !ended) {
            scheduled = true;
            timer.schedule(this::flush, SocketClient.FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends what is pending to every member; a member that is behind counts the lines instead. */
    synchronized void flush() {
        scheduled = false;
        ByteBuffer batch = null;
        int lines = pending.size();
        if (lines > 0) {
            batch = ByteBuffer.wrap(encoder.batch(FIELD, container, engine, pending).getBytes(StandardCharsets.UTF_8))
                    .asReadOnlyBuffer();
            pending.clear();
        }
        boolean behind = false;
        for (Member member : members.keySet()) {
            if (member.lost > 0 && member.client.trySend(lostEvent(member.lost))) {
                member.lost = 0;
            }
            if (batch != null && (member.lost > 0 || !member.client.trySendShared(batch))) {
                member.lost += lines;
            }
            behind |= member.lost > 0;
        }
        if (behind && !ended && !cancelled) {
            scheduled = true;
            timer.schedule(this::flush, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private String lostEvent(long count) {
        Map<String, Object> event = SocketClient.event(FIELD, container, engine, "logs", "LOST");
        event.put("count", count);
        return SocketClient.encode(event);
    }

    @Override
    public void onEvent(StreamEvent event) {
        List<Member> told;
        synchronized (this) {
            if (event.kind() == StreamEvent.Kind.LOST) {
                // Lost before the group saw the lines: every member lost them, told in order with its own.
                members.keySet().forEach(m -> m.lost += event.count());
                schedule();
                return;
            }
            flush();
            told = List.copyOf(members.keySet());
        }
        Map<String, Object> out = SocketClient.event(FIELD, container, engine, "logs", event.kind().name());
        out.put("count", event.count());
        out.put("message", event.message());
        String text = SocketClient.encode(out);
        told.forEach(member -> member.client.sendControl(text));
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
        List<Member> told;
        Map<Member, Long> untold = new LinkedHashMap<>();
        synchronized (this) {
            flush();
            ended = true;
            told = List.copyOf(members.keySet());
            for (Member member : told) {
                if (member.lost > 0) {
                    untold.put(member, member.lost);
                }
            }
            members.clear();
        }
        owner.remove(groupKey, this);
        Map<String, Object> out = SocketClient.event(FIELD, container, engine, "logs", "END");
        out.put("reason", reason);
        String text = SocketClient.encode(out);
        for (Member member : told) {
            member.client.forget(member.key, member);
            Long lost = untold.get(member);
            if (lost != null) {
                // What a slow member missed last is told, not silently dropped, before the end.
                member.client.sendAlways(lostEvent(lost));
            }
            // The end is never dropped, however far behind the client is: it is the last message of the stream.
            member.client.sendAlways(text);
        }
    }
}
