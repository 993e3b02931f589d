package io.orbitr.core.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RingTest {

    @Test
    void roundsItsCapacityUpToAPowerOfTwoAndShowsWhenASlotWasOverwritten() {
        Ring<String> ring = new Ring<>(5);
        assertThat(ring.capacity()).isEqualTo(8);
        for (int i = 1; i <= 10; i++) {
            ring.appendItem(i, "item " + i);
        }

        assertThat(ring.head()).isEqualTo(10);
        assertThat(ring.oldest()).isEqualTo(2);
        assertThat(ring.get(9).item).isEqualTo("item 10");
        Entry<String> lapped = ring.get(1);
        assertThat(lapped.seq).isNotEqualTo(1).isEqualTo(9);
    }
}
