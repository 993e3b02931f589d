/**
 * What every plug-in has in common: a stable id, a cheap constructor, optional schema migrations, and a start and
 * stop bracket in which it receives the platform's shared services.
 */
package io.orbitr.spi;
