/**
 * The stream hub: live logs and stats of containers and processes, one source stream per producer shared by every
 * subscriber. A source's items go into a bounded ring (the replay buffer); each subscriber reads the ring at its
 * own pace through its own bounded window, so the source never waits for a subscriber. {@link
 * io.orbitr.core.stream.PlatformStreamHub} implements {@link io.orbitr.stream.StreamHub}.
 */
package io.orbitr.core.stream;
