/**
 * Native process supervision: specs, restart policies, log rotation, states and transitions, and the supervisor
 * SPI. The platform's implementation is reached with {@code Orbitr.processes()} or, from a provider,
 * {@code ProviderContext.lookup(ProcessSupervisor.class)}.
 */
package io.orbitr.process;
