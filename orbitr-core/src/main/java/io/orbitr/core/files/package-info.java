/**
 * Files written so that a reader, or a crash, sees the old content or the new, never a part: the one helper every
 * module uses for it ({@link io.orbitr.core.files.AtomicFiles}).
 */
package io.orbitr.core.files;
