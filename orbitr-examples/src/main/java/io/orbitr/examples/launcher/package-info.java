/** The {@code orbitr} command line. */
package io.orbitr.examples.launcher;
