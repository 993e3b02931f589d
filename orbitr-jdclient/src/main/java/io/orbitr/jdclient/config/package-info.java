/**
 * jd-client configurations: the current sv2-apps schema as a typed model, validation of every field, TOML rendering
 * and import (with the recognition of older schemas), and the saved configurations in the store.
 */
package io.orbitr.jdclient.config;
