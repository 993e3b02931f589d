/** Live streams: log lines and stats samples fanned out to many subscribers, each with its own bounded queue. */
package io.orbitr.stream;
