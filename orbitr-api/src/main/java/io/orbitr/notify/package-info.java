/** Notifications: the notification record and the sink SPI that delivers it outside the platform. */
package io.orbitr.notify;
