/** The {@code orbitr backup} commands: create, restore, verify and list backup archives. */
package io.orbitr.examples.backup;
