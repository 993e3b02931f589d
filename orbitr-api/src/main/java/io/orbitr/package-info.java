/**
 * Orbitr's exception family. Every Orbitr failure is an unchecked {@link io.orbitr.OrbitrException}; its
 * subclasses say what kind of failure it is, and every message names the field, value or part involved. Also the
 * one rule for paths a user sets, {@link io.orbitr.DataPaths}.
 */
package io.orbitr;
