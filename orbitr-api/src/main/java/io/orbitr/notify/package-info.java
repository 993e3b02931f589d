/**
 * Notifications: the notification record, the inbox a host reads them from, and the sink SPI that delivers them
 * outside the platform.
 */
package io.orbitr.notify;
