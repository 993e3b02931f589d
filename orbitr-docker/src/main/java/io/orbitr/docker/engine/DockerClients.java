package io.orbitr.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.orbitr.engine.EngineSettings;
import java.time.Duration;

/**
 * Builds docker-java clients. Two kinds, because the transport's response timeout is an idle timeout: request
 * clients are bounded by it, stream clients (logs, stats, events) have none, or a quiet stream would die.
 */
final class DockerClients {
    /** The newest API the engines we target speak; a higher one is refused with "client version too new". */
    static final String API_VERSION = "1.41";

    private DockerClients() {
    }

    static DockerClient requests(EngineSettings settings) {
        return create(settings, settings.requestTimeout(), 32);
    }

    static DockerClient streams(EngineSettings settings) {
        return create(settings, null, 256);
    }

    private static DockerClient create(EngineSettings settings, Duration responseTimeout, int maxConnections) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.host().toString())
                .withApiVersion(API_VERSION)
                .withDockerTlsVerify(false)
                .build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(settings.tls().<com.github.dockerjava.transport.SSLConfig>map(
                        files -> new TlsFiles(settings.name(), files)).orElse(null))
                .maxConnections(maxConnections)
                .connectionTimeout(settings.connectTimeout());
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
    }
}
