package io.orbitr.core.stream;

import static io.orbitr.core.stream.FakeLogSource.at;
import static io.orbitr.core.stream.FakeLogSource.errorLine;
import static io.orbitr.core.stream.FakeLogSource.line;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineSequencerTest {
    private final LineSequencer sequencer = new LineSequencer();

    @Test
    void withoutAResumeEveryLineIsNew() {
        assertThat(sequencer.seenAny()).isFalse();
        assertThat(sequencer.admit(line(1, "a"))).isTrue();
        assertThat(sequencer.admit(line(2, "b"))).isTrue();
        assertThat(sequencer.admit(line(2, "c"))).isTrue();
        assertThat(sequencer.resumeSince()).contains(at(1));
    }

    @Test
    void aResumedReadDropsWhatWasDeliveredPerStream() {
        sequencer.admit(line(1, "a"));
        sequencer.admit(line(2, "b"));
        sequencer.admit(errorLine(1, "x"));
        sequencer.beginResume();

        assertThat(sequencer.admit(line(1, "a"))).isFalse();
        assertThat(sequencer.admit(errorLine(1, "x"))).isFalse();
        assertThat(sequencer.admit(line(2, "b"))).isFalse();
        assertThat(sequencer.admit(errorLine(2, "y"))).isTrue();
        assertThat(sequencer.admit(line(3, "c"))).isTrue();
        assertThat(sequencer.resumeSince()).contains(at(2));
    }

    @Test
    void linesSharingATimestampAreCounted() {
        sequencer.admit(line(5, "a"));
        sequencer.admit(line(5, "b"));
        sequencer.beginResume();

        assertThat(sequencer.admit(line(5, "a"))).isFalse();
        assertThat(sequencer.admit(line(5, "b"))).isFalse();
        assertThat(sequencer.admit(line(5, "c"))).isTrue();
        sequencer.beginResume();
        assertThat(sequencer.admit(line(5, "a"))).isFalse();
        assertThat(sequencer.admit(line(5, "b"))).isFalse();
        assertThat(sequencer.admit(line(5, "c"))).isFalse();
        assertThat(sequencer.admit(line(5, "d"))).isTrue();
    }
}
