package io.millrace.speed.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Key-value stores whose contents outlive the TopologyTestDriver that used them, standing in for the disk and
 * changelog a real restart restores from. TopologyTestDriver commits after every record and deletes its state
 * directory on {@code close()}, so RocksDB stores cannot carry state from one driver to the next; these can. A
 * {@link #save()} taken between two records is what the last commit made durable; {@link #restore} puts it back,
 * which is what an instance that crashed (no processor {@code close()}) restores.
 */
final class SurvivingStores {
    private final Map<String, NavigableMap<Bytes, byte[]>> contents = new TreeMap<>();

    /** The supplier of the store named {@code name}, whose contents this object keeps. */
    KeyValueBytesStoreSupplier supplier(String name) {
        NavigableMap<Bytes, byte[]> map = contents.computeIfAbsent(name, key -> new TreeMap<>());
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new Store(name, map);
            }

            @Override
            public String metricsScope() {
                return "surviving";
            }
        };
    }

    /** A copy of every store's contents. */
    Map<String, NavigableMap<Bytes, byte[]>> save() {
        Map<String, NavigableMap<Bytes, byte[]>> copy = new TreeMap<>();
        contents.forEach((name, map) -> copy.put(name, new TreeMap<>(map)));
        return copy;
    }

    /** Sets every store's contents back to {@code saved}. */
    void restore(Map<String, NavigableMap<Bytes, byte[]>> saved) {
        contents.forEach((name, map) -> {
            map.clear();
            map.putAll(saved.getOrDefault(name, new TreeMap<>()));
        });
    }

    private static final class Store implements KeyValueStore<Bytes, byte[]> {
        private final String name;
        private final NavigableMap<Bytes, byte[]> map;
        private boolean open;

        Store(String name, NavigableMap<Bytes, byte[]> map) {
            this.name = name;
            this.map = map;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            context.register(root, (key, value) -> {
                if (value == null) {
                    map.remove(Bytes.wrap(key));
                } else {
                    map.put(Bytes.wrap(key), value);
                }
            });
            open = true;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
            return QueryResult.forUnknownQueryType(query, this);
        }

        @Override
        public Position getPosition() {
            return Position.emptyPosition();
        }

        @Override
        public void put(Bytes key, byte[] value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        @Override
        public byte[] putIfAbsent(Bytes key, byte[] value) {
            byte[] old = map.get(key);
            if (old == null) {
                put(key, value);
            }
            return old;
        }

        @Override
        public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
            entries.forEach(entry -> put(entry.key, entry.value));
        }

        @Override
        public byte[] delete(Bytes key) {
            return map.remove(key);
        }

        @Override
        public byte[] get(Bytes key) {
            return map.get(key);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            return iterator(slice(from, to));
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
            return iterator(slice(from, to).descendingMap());
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> all() {
            return iterator(map);
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> reverseAll() {
            return iterator(map.descendingMap());
        }

        @Override
        public <S extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, S serializer) {
            Bytes from = Bytes.wrap(serializer.serialize(null, prefix));
            Bytes to = Bytes.increment(from);
            return iterator(map.subMap(from, true, to, false));
        }

        @Override
        public long approximateNumEntries() {
            return map.size();
        }

        private NavigableMap<Bytes, byte[]> slice(Bytes from, Bytes to) {
            if (from == null && to == null) {
                return map;
            }
            if (from == null) {
                return map.headMap(to, true);
            }
            if (to == null) {
                return map.tailMap(from, true);
            }
            return from.compareTo(to) > 0 ? new TreeMap<>() : map.subMap(from, true, to, true);
        }

        private static KeyValueIterator<Bytes, byte[]> iterator(NavigableMap<Bytes, byte[]> view) {
            List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(view.size());
            view.forEach((key, value) -> entries.add(KeyValue.pair(key, value)));
            Iterator<KeyValue<Bytes, byte[]>> it = entries.iterator();
            return new KeyValueIterator<>() {
                private KeyValue<Bytes, byte[]> peeked;

                @Override
                public boolean hasNext() {
                    return peeked != null || it.hasNext();
                }

                @Override
                public KeyValue<Bytes, byte[]> next() {
                    if (peeked != null) {
                        KeyValue<Bytes, byte[]> out = peeked;
                        peeked = null;
                        return out;
                    }
                    if (!it.hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return it.next();
                }

                @Override
                public Bytes peekNextKey() {
                    if (peeked == null) {
                        peeked = next();
                    }
                    return peeked.key;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
