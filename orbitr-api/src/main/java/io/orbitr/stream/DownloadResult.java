package io.orbitr.stream;

/**
 * What a log download wrote.
 *
 * @param lines the lines written
 * @param bytes the bytes written
 */
public record DownloadResult(long lines, long bytes) {
}
