package io.orbitr.jdclient.update;

import io.orbitr.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the updater looks for releases and how long it waits.
 *
 * <pre>{@code
 * UpdateSettings settings = UpdateSettings.builder()
 *         .apiBaseUrl(URI.create("https://github.example.com/api/v3"))
 *         .readTimeout(Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 *
 * @param apiBaseUrl      the GitHub REST API root, {@value #DEFAULT_API} by default
 * @param repository      the repository that publishes jd-client, {@value #DEFAULT_REPOSITORY} by default
 * @param target          the platform to install for; empty means this JVM's platform
 * @param connectTimeout  the bound on opening a connection
 * @param requestTimeout  the bound on an API call, and on the headers of a download
 * @param readTimeout     how long a download may go without receiving a byte before it is abandoned
 * @param maxArchiveBytes the largest archive accepted
 * @param maxBinaryBytes  the largest extracted binary accepted
 */
public record UpdateSettings(URI apiBaseUrl, String repository, Optional<ReleaseTarget> target,
                             Duration connectTimeout, Duration requestTimeout, Duration readTimeout,
                             long maxArchiveBytes, long maxBinaryBytes) {
    /** GitHub's public REST API. */
    public static final String DEFAULT_API = "https://api.github.com";
    /** The repository that has published jd-client since October 2025. */
    public static final String DEFAULT_REPOSITORY = "stratum-mining/sv2-apps";

    /** Validates the settings. */
    public UpdateSettings {
        Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
        String scheme = apiBaseUrl.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme)) || apiBaseUrl.getHost() == null) {
            throw new InvalidValueException("apiBaseUrl", apiBaseUrl, "must be an http:// or https:// URL");
        }
        Objects.requireNonNull(repository, "repository");
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new InvalidValueException("repository", repository, "must be OWNER/NAME");
        }
        Objects.requireNonNull(target, "target");
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("readTimeout", readTimeout);
        if (maxArchiveBytes <= 0) {
            throw new InvalidValueException("maxArchiveBytes", maxArchiveBytes, "must be positive");
        }
        if (maxBinaryBytes <= 0) {
            throw new InvalidValueException("maxBinaryBytes", maxBinaryBytes, "must be positive");
        }
    }

    /** @return GitHub, this platform, 10 s to connect, 30 s per call and of silence, 512 MiB archives, 256 MiB binaries */
    public static UpdateSettings defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidValueException(field, value, "must be positive");
        }
    }

    /** Builds {@link UpdateSettings}; every option has a default. */
    public static final class Builder {
        private URI apiBaseUrl = URI.create(DEFAULT_API);
        private String repository = DEFAULT_REPOSITORY;
        private ReleaseTarget target;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(30);
        private long maxArchiveBytes = 512L << 20;
        private long maxBinaryBytes = 256L << 20;

        private Builder() {
        }

        /**
         * @param url the REST API root, for example a GitHub Enterprise server or a test server
         * @return this builder
         */
        public Builder apiBaseUrl(URI url) {
            this.apiBaseUrl = url;
            return this;
        }

        /**
         * @param ownerAndName the repository, {@code OWNER/NAME}
         * @return this builder
         */
        public Builder repository(String ownerAndName) {
            this.repository = ownerAndName;
            return this;
        }

        /**
         * @param target the platform to install for, instead of this JVM's
         * @return this builder
         */
        public Builder target(ReleaseTarget target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * @param timeout the bound on opening a connection
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * @param timeout the bound on an API call and on a download's response headers
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * @param timeout how long a download may receive nothing before it is abandoned
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * @param bytes the largest archive accepted
         * @return this builder
         */
        public Builder maxArchiveBytes(long bytes) {
            this.maxArchiveBytes = bytes;
            return this;
        }

        /**
         * @param bytes the largest extracted binary accepted
         * @return this builder
         */
        public Builder maxBinaryBytes(long bytes) {
            this.maxBinaryBytes = bytes;
            return this;
        }

        /** @return the settings */
        public UpdateSettings build() {
            return new UpdateSettings(apiBaseUrl, repository, Optional.ofNullable(target), connectTimeout,
                    requestTimeout, readTimeout, maxArchiveBytes, maxBinaryBytes);
        }
    }
}
