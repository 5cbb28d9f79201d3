package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class StatsClockTest {

    @Test
    void theClockIsReadUnderItsKeyOrFromAnEntryAnEarlierLayoutKeyedByTaskId() {
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("clock"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);

        assertThat(StatsClock.read(store)).isNull();
        store.put("1_2", 5_000L);
        assertThat(StatsClock.read(store)).isEqualTo(5_000L);
        StatsClock.write(store, 7_000L);
        assertThat(StatsClock.read(store)).isEqualTo(7_000L);
        StatsClock.write(store, 6_000L);
        assertThat(StatsClock.read(store)).as("the entry under the key wins").isEqualTo(6_000L);
    }
}
