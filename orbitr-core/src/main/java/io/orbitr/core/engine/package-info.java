/** The platform's container engine endpoints: which engines it manages, kept in the settings table. */
package io.orbitr.core.engine;
