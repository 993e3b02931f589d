package io.orbitr.docker.engine;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import io.orbitr.UnavailableException;
import io.orbitr.engine.PullListener;
import io.orbitr.engine.PullProgress;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One image pull: relays the engine's progress to the listener and bounds the pull twice, by the caller's total
 * and by a silence limit, because an unreachable registry can leave the engine waiting with nothing to say.
 */
final class ImagePull {
    private static final Logger log = LoggerFactory.getLogger(ImagePull.class);
    /** How often the waiting thread looks at the clocks. */
    private static final long TICK_MILLIS = 100;

    private final DockerCalls calls;
    private final String name;
    private final String tag;
    private final PullListener listener;

    ImagePull(DockerCalls calls, String name, String tag, PullListener listener) {
        this.calls = calls;
        this.name = name;
        this.tag = tag;
        this.listener = listener;
    }

    /** Pulls and returns when the image is present; fails in the user's words otherwise. */
    void run(Duration timeout) {
        Duration silence = min(timeout, calls.settings().requestTimeout());
        Operation operation = Operation.on("image", reference(), "pull");
        Progress progress = new Progress();
        try {
            DockerErrors.call(calls.settings(), operation,
                    () -> calls.streams().pullImageCmd(name).withTag(tag).exec(progress));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!progress.awaitEnd(TICK_MILLIS)) {
                long now = System.nanoTime();
                if (now - progress.lastMessageAt > silence.toNanos()) {
                    throw notAvailable("the registry cannot be reached (no progress within " + silence.toMillis()
                            + " ms)", null);
                }
                if (now > deadline) {
                    throw new UnavailableException("image " + reference() + " is not available: the pull did not "
                            + "finish within " + timeout.toMillis() + " ms");
                }
            }
            Throwable failure = progress.failure().orElse(null);
            if (failure instanceof DockerException e) {
                throw notAvailable(DockerErrors.engineMessage(e), e);
            }
            if (failure != null) {
                throw DockerErrors.translate(calls.settings(), operation, failure);
            }
            if (progress.error != null) {
                throw notAvailable(progress.error, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while pulling image " + reference(), e);
        } finally {
            progress.closeQuietly();
        }
    }

    String reference() {
        return name + ":" + tag;
    }

    /**
     * @param engineMessage what the engine said, or a reason of Orbitr's own
     * @return the failure as the user would say it: the registry cannot be reached, or does not have the image
     */
    UnavailableException notAvailable(String engineMessage, Throwable cause) {
        String lower = engineMessage.toLowerCase(Locale.ROOT);
        String reason;
        if (lower.startsWith("the registry cannot be reached")) {
            reason = engineMessage;
        } else if (lower.contains("no such host") || lower.contains("dial tcp") || lower.contains("connection refused")
                || lower.contains("i/o timeout") || lower.contains("tls handshake") || lower.contains("unreachable")
                || lower.contains("request canceled") || lower.contains("deadline exceeded")
                || lower.contains("server misbehaving") || lower.contains("connection reset")) {
            reason = "the registry cannot be reached (" + engineMessage + ")";
        } else if (lower.contains("manifest unknown") || lower.contains("not found")
                || lower.contains("does not exist") || lower.contains("pull access denied")
                || lower.contains("unauthorized") || lower.contains("authentication required")) {
            reason = "the registry has no such image, or refuses access to it (" + engineMessage + ")";
        } else {
            reason = engineMessage;
        }
        return new UnavailableException("image " + reference() + " is not available: " + reason, cause);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Relays progress; remembers an error the engine reports inside the stream rather than as a status code. */
    private final class Progress extends FiniteCallback<PullResponseItem> {
        private volatile long lastMessageAt = System.nanoTime();
        private volatile String error;

        @Override
        public void onNext(PullResponseItem item) {
            lastMessageAt = System.nanoTime();
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : String.valueOf(item.getError());
                return;
            }
            ResponseItem.ProgressDetail detail = item.getProgressDetail();
            long current = detail == null || detail.getCurrent() == null ? 0 : detail.getCurrent();
            long total = detail == null || detail.getTotal() == null ? 0 : detail.getTotal();
            // Messages about the whole pull carry the tag (or nothing) where layer messages carry the layer's id.
            String layer = item.getId() == null || item.getId().equals(tag) ? "" : item.getId();
            try {
                listener.onProgress(new PullProgress(reference(), layer, ContainerMapper.text(item.getStatus()),
                        current, total));
            } catch (RuntimeException e) {
                log.warn("a pull listener for {} threw; the pull goes on", reference(), e);
            }
        }
    }
}
