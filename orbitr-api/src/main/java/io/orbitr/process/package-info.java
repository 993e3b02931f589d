/** Native process supervision: specs, restart policies, states, and the supervisor SPI. */
package io.orbitr.process;
