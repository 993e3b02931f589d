/** jd-client's output format: its log levels and the parsing of its tracing lines. */
package io.orbitr.jdclient.log;
