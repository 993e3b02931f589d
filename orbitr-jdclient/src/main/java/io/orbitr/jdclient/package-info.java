/**
 * The jd-client feature: many Stratum V2 Job Declarator Client instances on one host, with saved configurations,
 * supervision, logs, metrics and health. {@link io.orbitr.jdclient.JdClientFeatureProvider} plugs it into the
 * platform; {@link io.orbitr.jdclient.instance.InstanceManager} is its entry point.
 */
package io.orbitr.jdclient;
