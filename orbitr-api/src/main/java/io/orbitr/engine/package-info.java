/** The container-engine SPI: what orbitr-docker implements so that orbitr-core never imports docker-java. */
package io.orbitr.engine;
