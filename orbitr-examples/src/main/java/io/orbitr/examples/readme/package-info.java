/**
 * The README's Java examples as classes the build compiles, so an example that stops compiling fails the build
 * instead of a reader. The README quotes them with their imports.
 */
package io.orbitr.examples.readme;
