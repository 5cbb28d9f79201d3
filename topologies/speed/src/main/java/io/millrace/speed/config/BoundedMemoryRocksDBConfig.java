package io.millrace.speed.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of every RocksDB store in this JVM by one budget ({@value #MEMORY_BYTES_CONFIG},
 * set by {@link SpeedLayerConfig#rocksDbMemoryBytes()}), following the Kafka Streams memory-management guide:
 * all stores share one LRU block cache of the whole budget; index and filter blocks live in that cache
 * (with a high-priority share, so data blocks do not evict them) instead of on the heap outside it; and one
 * shared {@link WriteBufferManager} caps the memtables at {@value #WRITE_BUFFER_SHARE} of the budget and
 * charges them to the same cache. Without this each store (and each window segment) gets its own cache and
 * memtables, and memory grows with the number of partitions.
 *
 * <p>The cache and write buffer manager are created once per budget and shared by every store for the life
 * of the JVM; {@link #close} therefore closes nothing (RocksDB frees them at exit).
 */
public final class BoundedMemoryRocksDBConfig implements RocksDBConfigSetter {

    /** Streams configuration key of the budget in bytes. */
    public static final String MEMORY_BYTES_CONFIG = "millrace.rocksdb.memory.bytes";

    /** Share of the budget the memtables (write buffers) may take. */
    public static final double WRITE_BUFFER_SHARE = 0.5;
    /** Share of the cache kept for index and filter blocks. */
    public static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
    /** Larger blocks than RocksDB's 4 KiB default: smaller indexes for the same data. */
    public static final long BLOCK_SIZE = 16 * 1024;
    /** Memtables per store before writes stall (Kafka Streams' default). */
    public static final int MEMTABLES_PER_STORE = 3;
    /** The largest memtable of one store (Kafka Streams' default); smaller when the budget is small. */
    public static final long MAX_MEMTABLE_BYTES = 16L * 1024 * 1024;
    /** The smallest memtable of one store. */
    public static final long MIN_MEMTABLE_BYTES = 256L * 1024;

    /**
     * How many stores' full memtables the write buffers hold: a memtable is this fraction of them. Once the memtables
     * of all stores together pass seven eighths of the write buffers, every write to a store flushes that store's
     * memtable, however small: with memtables of a third of them (as before), two or three busy stores were enough,
     * and the trainer's log and the window stores then flushed a tiny memtable on nearly every write and stalled on
     * the level-0 file count (a 100,000-payment run of the whole layer sat in {@code RocksDB.put} for tens of seconds).
     */
    public static final int MEMTABLES_PER_WRITE_BUFFERS = 32;

    /**
     * Memory a memtable takes at a time. RocksDB's default is an eighth of the memtable size: with one memtable per
     * store and window segment always allocated, dozens of stores would fill the shared write buffers while nearly
     * empty, and the write buffer manager would then flush a memtable on almost every write.
     */
    public static final long ARENA_BLOCK_BYTES = 64 * 1024;

    private static final Map<Long, SharedMemory> SHARED = new ConcurrentHashMap<>();

    /** The cache and write buffer manager all stores of one budget share. */
    private record SharedMemory(Cache cache, WriteBufferManager writeBuffers, long memtableBytes) {
        static SharedMemory of(long budget) {
            Cache cache = new LRUCache(budget, -1, false, INDEX_FILTER_BLOCK_RATIO);
            return new SharedMemory(cache, new WriteBufferManager(BoundedMemoryRocksDBConfig.writeBufferBytes(budget), cache),
                    BoundedMemoryRocksDBConfig.memtableBytes(budget));
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        SharedMemory memory = SHARED.computeIfAbsent(budget(configs), SharedMemory::of);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(BLOCK_SIZE);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(memory.memtableBytes());
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store: closing them here would break the others.
    }

    /** The memory all memtables of the JVM share under {@code budget}. */
    static long writeBufferBytes(long budget) {
        return (long) (budget * WRITE_BUFFER_SHARE);
    }

    /** The memtable size of every store under {@code budget}. */
    static long memtableBytes(long budget) {
        return Math.min(MAX_MEMTABLE_BYTES, Math.max(MIN_MEMTABLE_BYTES, writeBufferBytes(budget) / MEMTABLES_PER_WRITE_BUFFERS));
    }

    /** The budget in the Streams configuration, or the default when it is absent. */
    static long budget(Map<String, Object> configs) {
        Object value = configs.get(MEMORY_BYTES_CONFIG);
        if (value == null) {
            return SpeedLayerConfig.DEFAULT_ROCKSDB_MEMORY_BYTES;
        }
        long budget;
        try {
            budget = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(MEMORY_BYTES_CONFIG, value, "expected a number of bytes");
        }
        if (budget < SpeedLayerConfig.MIN_ROCKSDB_MEMORY_BYTES) {
            throw new ConfigException(MEMORY_BYTES_CONFIG, value, "at least " + SpeedLayerConfig.MIN_ROCKSDB_MEMORY_BYTES + " bytes");
        }
        return budget;
    }
}
