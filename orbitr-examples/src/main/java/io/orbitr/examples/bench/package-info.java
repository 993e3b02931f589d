/** The benchmarks behind {@code orbitr bench}. */
package io.orbitr.examples.bench;
