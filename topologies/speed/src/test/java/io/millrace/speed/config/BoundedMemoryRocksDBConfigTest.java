package io.millrace.speed.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * Real RocksDB stores (TopologyTestDriver opens them in the state directory) configured by the setter the
 * speed-layer configuration names: every store reports the shared cache of the whole budget.
 */
class BoundedMemoryRocksDBConfigTest {
    private static final long BUDGET = 24L * 1024 * 1024;

    @TempDir
    Path stateDir;

    @Test
    void everyStoreSharesOneBlockCacheOfTheBudget() {
        SpeedLayerConfig config = SpeedLayerConfig.defaults().withStateDir(stateDir).withRocksDbMemoryBytes(BUDGET);
        Topology topology = new Topology()
                .addSource("in", new StringDeserializer(), new StringDeserializer(), "in")
                .addProcessor("remember", Remember::new, "in")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("first"), Serdes.String(), Serdes.String()), "remember")
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("second"), Serdes.String(), Serdes.String()), "remember");

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, config.toStreamsProperties())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            IntStream.range(0, 1_000).forEach(i -> in.pipeInput("k" + i, "v" + i));

            KeyValueStore<String, String> first = driver.getKeyValueStore("first");
            assertThat(first.get("k999")).isEqualTo("v999");
            assertThat(blockCacheCapacities(driver)).containsOnlyKeys("first", "second")
                    .containsEntry("first", BigInteger.valueOf(BUDGET))
                    .containsEntry("second", BigInteger.valueOf(BUDGET));
        }
    }

    @Test
    void theWriteBuffersHoldManyStoresFullMemtables() {
        long mib = 1024 * 1024;
        assertThat(BoundedMemoryRocksDBConfig.writeBufferBytes(64 * mib)).isEqualTo(32 * mib);
        assertThat(BoundedMemoryRocksDBConfig.memtableBytes(64 * mib)).isEqualTo(mib);
        assertThat(BoundedMemoryRocksDBConfig.memtableBytes(4 * mib)).isEqualTo(BoundedMemoryRocksDBConfig.MIN_MEMTABLE_BYTES);
        assertThat(BoundedMemoryRocksDBConfig.memtableBytes(4096 * mib)).isEqualTo(BoundedMemoryRocksDBConfig.MAX_MEMTABLE_BYTES);
        for (long budget : new long[] {4 * mib, 64 * mib, 1024 * mib}) {
            assertThat(BoundedMemoryRocksDBConfig.writeBufferBytes(budget) / BoundedMemoryRocksDBConfig.memtableBytes(budget))
                    .as("full memtables the write buffers hold under a budget of %d MiB", budget / mib)
                    .isGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void aStoreGetsTheSharedWriteBuffersAndTheSmallMemtable() {
        try (Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig()); // as Kafka Streams hands it over
            new BoundedMemoryRocksDBConfig().setConfig("some-store", options,
                    Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, String.valueOf(BUDGET)));
            assertThat(options.writeBufferSize()).isEqualTo(BoundedMemoryRocksDBConfig.memtableBytes(BUDGET));
            assertThat(options.maxWriteBufferNumber()).isEqualTo(BoundedMemoryRocksDBConfig.MEMTABLES_PER_STORE);
            assertThat(options.arenaBlockSize()).isEqualTo(BoundedMemoryRocksDBConfig.ARENA_BLOCK_BYTES);
        }
    }

    @Test
    void theBudgetIsReadFromTheStreamsConfiguration() {
        assertThat(BoundedMemoryRocksDBConfig.budget(Map.of())).isEqualTo(SpeedLayerConfig.DEFAULT_ROCKSDB_MEMORY_BYTES);
        assertThat(BoundedMemoryRocksDBConfig.budget(Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, "8388608"))).isEqualTo(8L << 20);
        assertThatThrownBy(() -> BoundedMemoryRocksDBConfig.budget(Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, "lots")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> BoundedMemoryRocksDBConfig.budget(Map.of(BoundedMemoryRocksDBConfig.MEMORY_BYTES_CONFIG, 10)))
                .isInstanceOf(ConfigException.class);
    }

    /** block-cache-capacity by store name, as Kafka Streams' RocksDB metrics report it. */
    private static Map<String, Object> blockCacheCapacities(TopologyTestDriver driver) {
        Map<String, Object> capacities = new java.util.HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : driver.metrics().entrySet()) {
            if (metric.getKey().name().equals("block-cache-capacity")) {
                capacities.put(metric.getKey().tags().get("rocksdb-state-id"), metric.getValue().metricValue());
            }
        }
        return capacities;
    }

    /** Writes every record to both stores. */
    private static final class Remember implements Processor<String, String, Void, Void> {
        private List<KeyValueStore<String, String>> stores;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            stores = List.of(context.getStateStore("first"), context.getStateStore("second"));
        }

        @Override
        public void process(Record<String, String> record) {
            stores.forEach(store -> store.put(record.key(), record.value()));
        }
    }
}
