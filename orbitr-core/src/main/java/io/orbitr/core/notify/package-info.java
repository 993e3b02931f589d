/**
 * Notifications: the store of notification records, the dispatcher that hands them to the sinks on threads of
 * their own, and the built-in webhook sink.
 */
package io.orbitr.core.notify;
