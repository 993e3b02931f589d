/**
 * The proxy manager: routes in the store, the configured proxy's configuration written atomically, live reload;
 * and the JSON form of routes.
 */
package io.orbitr.core.proxy;
