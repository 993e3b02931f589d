package io.orbitr.core.notify;

import io.orbitr.Page;
import io.orbitr.notify.Notification;
import io.orbitr.notify.NotificationInbox;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The platform's notification inbox: the {@code notifications} table, and the sinks in use. Thread-safe. */
public final class PlatformInbox implements NotificationInbox {
    private final NotificationStore store;
    private final NotificationDispatcher dispatcher;

    /**
     * @param store      the stored notifications
     * @param dispatcher the sinks
     */
    public PlatformInbox(NotificationStore store, NotificationDispatcher dispatcher) {
        this.store = Objects.requireNonNull(store, "store");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    @Override
    public Page<Notification> list(boolean unreadOnly, int limit, Optional<String> after) {
        return store.page(unreadOnly, limit, Objects.requireNonNull(after, "after"));
    }

    @Override
    public boolean markRead(long id) {
        return store.markRead(id);
    }

    @Override
    public int markAllRead() {
        return store.markAllRead();
    }

    @Override
    public long unreadCount() {
        return store.unreadCount();
    }

    @Override
    public List<String> sinks() {
        return dispatcher.sinkIds();
    }
}
