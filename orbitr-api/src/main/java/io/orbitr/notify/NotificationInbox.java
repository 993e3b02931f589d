package io.orbitr.notify;

import io.orbitr.Page;
import java.util.List;
import java.util.Optional;

/**
 * The stored notifications a user reads: the health monitor's status changes, resends and remediation reports,
 * newest first, with a read flag. What a host gets from {@code orbitr.notifications()} and a plug-in from
 * {@code context.require(NotificationInbox.class)}. Notifications are kept at least 30 days (longer when the health
 * results are kept longer); a removed target's notifications go with it. Thread-safe.
 */
public interface NotificationInbox {

    /**
     * @param unreadOnly whether to list unread ones only
     * @param limit      the page size, 1 to 1000
     * @param after      the cursor of the previous page, empty for the first
     * @return notifications, newest first
     */
    Page<Notification> list(boolean unreadOnly, int limit, Optional<String> after);

    /**
     * @param id a notification's id
     * @return whether it exists (and is now read)
     */
    boolean markRead(long id);

    /** @return how many unread notifications were marked read */
    int markAllRead();

    /** @return how many notifications are unread */
    long unreadCount();

    /** @return the ids of the notification sinks that deliver notifications outside the platform */
    List<String> sinks();
}
