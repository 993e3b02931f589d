package io.orbitr.jdclient.update;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseVersionTest {

    @ParameterizedTest
    @CsvSource({
        "v0.10.0, v0.9.0, true",
        "v0.9.0, v0.10.0, false",
        "v1.0.0, v1.0.0-rc.1, true",
        "v1.0.0-rc.2, v1.0.0-rc.1, true",
        "v1.0.0, v1.0.0, false",
        "0.6.1, v0.6.0, true",
        "nightly-2026-05-11, v0.6.0, true",
        "nightly, nightly, false"})
    void ordersTagsAsSemanticVersions(String candidate, String installed, boolean newer) {
        assertThat(ReleaseVersion.isNewer(candidate, installed)).isEqualTo(newer);
    }
}
