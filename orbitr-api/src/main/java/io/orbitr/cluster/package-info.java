/** Several Orbitr servers sharing one store: leases that give each singleton job to one live server at a time. */
package io.orbitr.cluster;
