/** Assembly: finding providers with ServiceLoader, merging explicit ones, and reporting what was found. */
package io.orbitr.core.assembly;
