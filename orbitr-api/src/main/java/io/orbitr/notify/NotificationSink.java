package io.orbitr.notify;

import io.orbitr.spi.Provider;

/**
 * Delivers notifications somewhere outside the platform: a webhook, a chat, a mail relay. Found by
 * {@link java.util.ServiceLoader} (listed in {@code META-INF/services/io.orbitr.notify.NotificationSink}) or
 * registered with the platform's builder. Targets choose sinks by {@link #id()}; a target that names none tells all.
 *
 * <p>The platform calls {@link #send(Notification)} on a thread of the sink's own, one notification at a time, after
 * the notification is stored. A sink may block (bounded by its own timeout) and may throw: the platform logs the
 * failure and goes on, so a failing or slow sink never delays monitoring or the other sinks. When a sink falls far
 * behind, the oldest waiting notifications for it are dropped and logged.
 */
public interface NotificationSink extends Provider {

    /**
     * Delivers one notification, retrying as the sink sees fit.
     *
     * @param notification what happened
     * @throws Exception when delivery failed for good; logged by the platform
     */
    void send(Notification notification) throws Exception;
}
