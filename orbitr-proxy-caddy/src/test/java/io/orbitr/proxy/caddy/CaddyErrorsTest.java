package io.orbitr.proxy.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaddyErrorsTest {

    @Test
    void readsTheErrorMemberAndUnescapesIt() {
        assertThat(CaddyErrors.message("{\"error\":\"adapting config: Caddyfile:1 - token \\\"x\\\"\\n\\u00e9\"}"))
                .isEqualTo("adapting config: Caddyfile:1 - token \"x\"\né");
    }

    @Test
    void fallsBackToTheBody() {
        assertThat(CaddyErrors.message("  plain failure\n")).isEqualTo("plain failure");
        assertThat(CaddyErrors.message("{\"error\":\"cut")).isEqualTo("{\"error\":\"cut");
    }
}
