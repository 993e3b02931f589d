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
 * Every connection that follows one container's log live with one filter: one hub subscription, lines batched as for
 * a single client ({@value SocketClient#BATCH_LINES} lines or {@value SocketClient#FLUSH_DELAY_MS} ms), each batch
 * encoded to UTF-8 once and the same bytes written to every member's socket. A member whose socket is full (it holds
 * {@value SocketClient#MAX_IN_FLIGHT} messages) keeps the batches it could not take yet in a queue of its own, which
 * holds references to the shared batches, never copies, and at most {@value SocketClient#MAX_PENDING_LINES} lines;
 * beyond that a batch is dropped, counted, and told in one {@code LOST} event in its place: a slow member never slows
 * the others, and the server's memory stays bounded. Thread-safe.
 */
final class LogGroup implements StreamSubscriber<LogLine> {
    private static final String FIELD = "containerId";
    private static final long RETRY_MS = 100;

    private final LogGroups owner;
    private final String groupKey;
    private final String container;
    private final ScheduledExecutorService timer;
    private final LineEncoder encoder;
    private final List<LogLine> pending = new ArrayList<>();
    private final Map<Member, Boolean> members = new LinkedHashMap<>();
    private volatile Subscription subscription;
    private volatile boolean ended;
    private boolean cancelled;
    private boolean scheduled;

    LogGroup(LogGroups owner, String groupKey, String container, ScheduledExecutorService timer, LineEncoder encoder) {
        this.owner = owner;
        this.groupKey = groupKey;
        this.container = container;
        this.timer = timer;
        this.encoder = encoder;
    }

    /** A batch as every member shares it, or (with no bytes) a count of lines a member lost at that point. */
    private static final class Item {
        private final ByteBuffer bytes;
        private final int lines;
        private long lost;

        private Item(ByteBuffer bytes, int lines, long lost) {
            this.bytes = bytes;
            this.lines = lines;
            this.lost = lost;
        }
    }

    /** One client's seat: what its socket could not take yet, in order. */
    final class Member implements SocketClient.Followed {
        private final SocketClient client;
        private final String key;
        private final java.util.ArrayDeque<Item> queue = new java.util.ArrayDeque<>();
        private int queuedLines;

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

        private void offer(ByteBuffer batch, int lines) {
            if (queuedLines + lines > SocketClient.MAX_PENDING_LINES) {
                lose(lines);
                return;
            }
            queue.addLast(new Item(batch, lines, 0));
            queuedLines += lines;
        }

        private void lose(long lines) {
            Item last = queue.peekLast();
            if (last != null && last.bytes == null) {
                last.lost += lines;
            } else {
                queue.addLast(new Item(null, 0, lines));
            }
        }

        /** @return whether something is still waiting */
        private boolean drain() {
            while (!queue.isEmpty()) {
                Item item = queue.peekFirst();
                boolean sent = item.bytes == null ? client.trySend(lostEvent(item.lost))
                        : client.trySendShared(item.bytes);
                if (!sent) {
                    return true;
                }
                queue.pollFirst();
                queuedLines -= item.lines;
            }
            return false;
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

    /** Hands what is pending to every member and sends what each member's socket can take. */
    synchronized void flush() {
        scheduled = false;
        ByteBuffer batch = null;
        int lines = pending.size();
        if (lines > 0) {
            batch = ByteBuffer.wrap(encoder.batch(FIELD, container, pending).getBytes(StandardCharsets.UTF_8))
                    .asReadOnlyBuffer();
            pending.clear();
        }
        boolean behind = false;
        for (Member member : members.keySet()) {
            if (batch != null) {
                member.offer(batch, lines);
            }
            behind |= member.drain();
        }
        if (behind && !ended && !cancelled) {
            scheduled = true;
            timer.schedule(this::flush, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private String lostEvent(long count) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "event");
        event.put(FIELD, container);
        event.put("stream", "logs");
        event.put("event", "LOST");
        event.put("count", count);
        return SocketClient.encode(event);
    }

    @Override
    public void onEvent(StreamEvent event) {
        List<Member> told;
        synchronized (this) {
            if (event.kind() == StreamEvent.Kind.LOST) {
                // Lost before the group saw the lines: every member lost them, told in order with its own.
                members.keySet().forEach(m -> m.lose(event.count()));
                schedule();
                return;
            }
            flush();
            told = List.copyOf(members.keySet());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "event");
        out.put(FIELD, container);
        out.put("stream", "logs");
        out.put("event", event.kind().name());
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
                // What a slow member's socket never took is told, not silently dropped, before the end.
                long left = member.queue.stream().mapToLong(item -> item.bytes == null ? item.lost : item.lines).sum();
                if (left > 0) {
                    untold.put(member, left);
                }
                member.queue.clear();
            }
            members.clear();
        }
        owner.remove(groupKey, this);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "event");
        out.put(FIELD, container);
        out.put("stream", "logs");
        out.put("event", "END");
        out.put("reason", reason);
        String text = SocketClient.encode(out);
        for (Member member : told) {
            member.client.forget(member.key, member);
            Long left = untold.get(member);
            if (left != null) {
                member.client.sendAlways(lostEvent(left));
            }
            // The end is never dropped, however far behind the client is: it is the last message of the stream.
            member.client.sendAlways(text);
        }
    }
}
