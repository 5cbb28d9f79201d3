package io.millrace.speed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trainer's write-ahead ring: entries after a snapshot's step, in order, stale slots skipped, gaps refused. */
class TrainingLogTest {
    private KeyValueStore<Bytes, byte[]> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("training-log"),
                org.apache.kafka.common.serialization.Serdes.Bytes(),
                org.apache.kafka.common.serialization.Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @Test
    void theEntriesAfterASnapshotComeBackInStepOrder() {
        TrainingLog log = new TrainingLog(store, 4);
        for (int step = 1; step <= 3; step++) {
            log.append("sea", step, entry(step));
        }

        assertThat(texts(log.after("sea", 0))).containsExactly("s1", "s2", "s3");
        assertThat(texts(log.after("sea", 2))).containsExactly("s3");
        assertThat(log.after("sea", 3)).isEmpty();
        assertThat(log.lastStep("sea")).isEqualTo(3);
    }

    @Test
    void theRingOverwritesStaleSlotsAndRefusesAGap() {
        TrainingLog log = new TrainingLog(store, 4);
        for (int step = 1; step <= 6; step++) {
            log.append("sea", step, entry(step));
        }

        assertThat(texts(log.after("sea", 2))).containsExactly("s3", "s4", "s5", "s6");
        assertThatThrownBy(() -> log.after("sea", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("misses step 2");
    }

    @Test
    void aSnapshotIsDueBeforeTheRingWouldOverwriteANeededEntry() {
        TrainingLog log = new TrainingLog(store, 4);

        assertThat(log.mustSnapshot(3, 0)).isFalse();
        assertThat(log.mustSnapshot(4, 0)).isTrue();
        assertThat(log.mustSnapshot(7, 4)).isFalse();
    }

    @Test
    void eachModelHasItsOwnRing() {
        TrainingLog log = new TrainingLog(store, 4);
        log.append("sea", 1, entry(1));
        log.append("sea2", 1, entry(10));
        log.append("sea2", 2, entry(11));

        assertThat(texts(log.after("sea", 0))).containsExactly("s1");
        assertThat(texts(log.after("sea2", 0))).containsExactly("s10", "s11");
        assertThat(log.lastStep("se")).isZero();
    }

    private static byte[] entry(int step) {
        return ("s" + step).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> entries) {
        return entries.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }
}
