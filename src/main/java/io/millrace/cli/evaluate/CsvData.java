package io.millrace.cli.evaluate;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import io.millrace.learning.Header;
import io.millrace.learning.eval.Example;

/** The labelled rows of a {@link CsvDataset}, all of them or the first {@code limit}. */
public final class CsvData implements EvaluationData {

    private final CsvDataset dataset;
    private final Long limit;
    private CsvDataset.ExampleReader reader;

    /** @param limit most rows to evaluate on, or null for all */
    public CsvData(CsvDataset dataset, Long limit) {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--instances must be at least 1, got " + limit);
        }
        this.dataset = dataset;
        this.limit = limit;
    }

    @Override
    public Header header() {
        return dataset.header();
    }

    @Override
    public Iterator<Example> examples() {
        if (reader != null) {
            throw new IllegalStateException("examples() may be called once");
        }
        reader = dataset.open();
        return new Iterator<>() {
            private long read;

            @Override
            public boolean hasNext() {
                return (limit == null || read < limit) && reader.hasNext();
            }

            @Override
            public Example next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                read++;
                return reader.next();
            }
        };
    }

    @Override
    public long expected() {
        long labelled = dataset.rows() - dataset.unlabelled();
        return limit == null ? labelled : Math.min(limit, labelled);
    }

    @Override
    public long skipped() {
        return reader == null ? 0 : reader.skipped();
    }

    @Override
    public String describe() {
        String text = dataset.file() + ", label " + dataset.header().target().name() + ", " + dataset.rows() + " rows";
        return limit == null ? text : text + ", first " + limit + " labelled";
    }

    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", "csv");
        fields.put("file", dataset.file().toString());
        fields.put("label", dataset.header().target().name());
        fields.put("rows", dataset.rows());
        fields.put("unlabelled", dataset.unlabelled());
        fields.put("limit", limit);
        return fields;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
