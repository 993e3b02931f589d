package io.orbitr.core.health;

import io.orbitr.notify.Notification;
import io.orbitr.notify.NotificationSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that keeps what it is sent, or fails every time. */
final class RecordingSink implements NotificationSink {
    private final String id;
    private final boolean failing;
    final List<Notification> received = new CopyOnWriteArrayList<>();

    RecordingSink(String id, boolean failing) {
        this.id = id;
        this.failing = failing;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(Notification notification) {
        if (failing) {
            throw new IllegalStateException("this sink always fails");
        }
        received.add(notification);
    }

    List<String> transitions() {
        return received.stream().map(n -> n.targetId() + ":" + n.from() + "->" + n.to()).toList();
    }
}
