package io.orbitr.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProcStatTest {
    private static final String TAIL = " 20 0 1 0 123456 1000 10 18446744073709551615 1 1 0 0 0 0 0 0 0 0";

    @Test
    void readsTheFieldsOfAPlainLine() {
        ProcStat stat = ProcStat.parse("4242 (sleep) S 1 4240 4240 0 -1 4194304 90 0 0 0 0 0 0 0" + TAIL)
                .orElseThrow();

        assertThat(stat).isEqualTo(new ProcStat(4242, "sleep", 'S', 1, 4240, 4240, 123456));
        assertThat(stat.dead()).isFalse();
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        ProcStat stat = ProcStat.parse("77 (a) (b c) d)) Z 1 77 77 0 -1 4194304 90 0 0 0 0 0 0 0" + TAIL)
                .orElseThrow();

        assertThat(stat.command()).isEqualTo("a) (b c) d)");
        assertThat(stat.state()).isEqualTo('Z');
        assertThat(stat.dead()).isTrue();
        assertThat(stat.group()).isEqualTo(77);
        assertThat(stat.startTime()).isEqualTo(123456);
    }

    @Test
    void aLineThatIsNotAStatLineIsRefused() {
        assertThat(ProcStat.parse("")).isEmpty();
        assertThat(ProcStat.parse("12 (x) S 1 2 3")).isEmpty();
        assertThat(ProcStat.parse("x (y) S 1 2 3 0 -1 4194304 90 0 0 0 0 0 0 0" + TAIL)).isEmpty();
        assertThat(ProcStat.parse("12 (y) S one 2 3 0 -1 4194304 90 0 0 0 0 0 0 0" + TAIL)).isEmpty();
    }

    @Test
    void readsThisJvmFromProc() {
        ProcStat self = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();

        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.startTime()).isPositive();
        assertThat(ProcStat.read(ProcessHandle.current().pid()).orElseThrow().startTime())
                .isEqualTo(self.startTime());
    }
}
