package io.orbitr.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.orbitr.core.cluster.ChangeFeed;
import io.orbitr.health.HealthResult;
import io.orbitr.health.HealthStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Results travel between servers in notices of at most 7,000 bytes, each coming out as it went in. */
@Timeout(10)
class StatusNoticesTest {
    private static LiveResult result(int i, String message, Map<String, Object> details) {
        return new LiveResult("t" + i, new HealthResult(i % 2 == 0 ? HealthStatus.UP : HealthStatus.DOWN, message,
                details, Instant.ofEpochMilli(1_700_000_000_000L + i), Duration.ofMillis(i)), i % 3, 1_600_000_000_000L);
    }

    @Test
    void manyResultsAreSplitIntoNoticesThatEachFitAndComeBackInOrder() {
        List<LiveResult> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            results.add(result(i, "HTTP 200 OK \"quoted\" é", Map.of("statusCode", 200, "tls", true, "ratio", 0.5)));
        }
        List<String> notices = StatusNotices.notices(results);

        assertThat(notices).hasSizeGreaterThan(1).allMatch(notice ->
                notice.getBytes(StandardCharsets.UTF_8).length <= ChangeFeed.MAX_DATA_BYTES);
        List<LiveResult> back = notices.stream().flatMap(notice -> StatusNotices.decode(notice).stream()).toList();
        assertThat(back).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(back.get(i).targetId()).isEqualTo(results.get(i).targetId());
            assertThat(back.get(i).failures()).isEqualTo(results.get(i).failures());
            assertThat(back.get(i).sinceMillis()).isEqualTo(results.get(i).sinceMillis());
            assertThat(back.get(i).result()).isEqualTo(results.get(i).result());
        }
    }

    @Test
    void aResultTooLargeForANoticeGoesWithItsMessageClippedAndWithoutDetails() {
        LiveResult huge = result(1, "x".repeat(9_000), Map.of("body", "y".repeat(9_000)));
        List<String> notices = StatusNotices.notices(List.of(result(0, "ok", Map.of()), huge));

        List<LiveResult> back = notices.stream().flatMap(notice -> StatusNotices.decode(notice).stream()).toList();
        assertThat(back).extracting(LiveResult::targetId).containsExactly("t0", "t1");
        assertThat(back.get(1).result().message()).hasSize(500).endsWith("...");
        assertThat(back.get(1).result().details()).isEmpty();
        assertThat(back.get(1).result().status()).isEqualTo(HealthStatus.DOWN);
    }

    @Test
    void aNoticeThatCannotBeReadIsIgnored() {
        assertThat(StatusNotices.decode("not json")).isEmpty();
        assertThat(StatusNotices.decode("[[\"t1\"]]")).isEmpty();
    }
}
