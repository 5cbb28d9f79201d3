package io.millrace.cli.evaluate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.Learners.Task;
import io.millrace.learning.eval.Example;

/**
 * A CSV file read as a labelled stream: its {@link Header}, worked out in two scans of the file, and its
 * rows as {@link Example}s in file order, read lazily in a third.
 *
 * <p>Columns: one whose every present cell is a number (see {@link CsvCells}) is a numeric feature;
 * any other is nominal, its categories the distinct values in the file, in sorted order. Missing cells
 * become {@code NaN} (missing) features. The label column decides the task: a nominal label is
 * classification; a numeric one is read as the {@link Options#task() task} asked for, classes being its
 * distinct numbers in numeric order (at most {@value #MAX_NUMERIC_CLASSES}), and as regression when no
 * task is asked for. Rows whose label is missing cannot be scored: they are skipped and counted.
 */
public final class CsvDataset {

    /** Most classes a numeric label column may be read as. */
    public static final int MAX_NUMERIC_CLASSES = 1000;
    /** Most categories a nominal feature may have: more is almost always an identifier or a timestamp. */
    public static final int MAX_CATEGORIES = 100_000;

    /**
     * How to read the file.
     *
     * @param label     name of the column to predict
     * @param separator the column separator
     * @param ignored   columns to leave out (identifiers, timestamps)
     * @param task      how to read a numeric label; null to read it as a regression target
     */
    public record Options(String label, char separator, Set<String> ignored, Task task) {
        public Options {
            Objects.requireNonNull(label, "label");
            ignored = ignored == null ? Set.of() : Set.copyOf(ignored);
        }
    }

    private final Path file;
    private final Options options;
    private final List<String> columns;
    private final Header header;
    private final int[] featureColumns;
    private final int labelColumn;
    private final List<Map<String, Integer>> featureCategories;
    private final Map<String, Integer> labelClasses;
    private final boolean numericLabel;
    private final long rows;
    private final long unlabelled;

    private CsvDataset(Path file, Options options, CsvScan scan) {
        this.file = file;
        this.options = options;
        this.columns = scan.columns;
        this.labelColumn = scan.columns.indexOf(options.label());
        this.numericLabel = scan.numeric[labelColumn];
        this.rows = scan.rows;
        this.unlabelled = scan.unlabelled;
        List<Integer> features = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        this.featureCategories = new ArrayList<>();
        for (int c = 0; c < scan.columns.size(); c++) {
            String name = scan.columns.get(c);
            if (c == labelColumn || options.ignored().contains(name)) {
                continue;
            }
            features.add(c);
            if (scan.numeric[c]) {
                attributes.add(Attribute.numeric(name));
                featureCategories.add(null);
            } else {
                List<String> values = List.copyOf(scan.categories.get(c));
                attributes.add(Attribute.nominal(name, values));
                featureCategories.add(indexOf(values));
            }
        }
        this.featureColumns = features.stream().mapToInt(Integer::intValue).toArray();
        Attribute target = target(scan);
        this.labelClasses = target.isNominal() ? indexOf(target.values()) : null;
        String fileName = file.getFileName().toString();
        this.header = new Header(fileName.replaceFirst("\\.[^.]*$", ""), attributes, target);
    }

    /**
     * Scans {@code file} and works out its header.
     *
     * @throws CsvFormatException naming the file (and the line) when it is malformed, has no such label
     *                            or ignored column, or its label cannot be read as the task asked for
     */
    public static CsvDataset scan(Path file, Options options) {
        return new CsvDataset(file, options, CsvScan.of(file, options));
    }

    public Header header() {
        return header;
    }

    public Path file() {
        return file;
    }

    /** Data rows in the file (the header row not counted). */
    public long rows() {
        return rows;
    }

    /** Rows skipped because their label is missing. */
    public long unlabelled() {
        return unlabelled;
    }

    /** The labelled rows as examples, in file order; close the reader when done. */
    public ExampleReader open() {
        return new ExampleReader(CsvRows.open(file, options.separator()));
    }

    /** Reads the file's labelled rows one at a time. */
    public final class ExampleReader implements Iterator<Example>, AutoCloseable {

        private final CsvRows csv;
        private CsvRows.Row next;
        private long skipped;

        private ExampleReader(CsvRows csv) {
            this.csv = csv;
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Example next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Example example = toExample(next);
            advance();
            return example;
        }

        /** Rows without a label passed over so far. */
        public long skipped() {
            return skipped;
        }

        @Override
        public void close() {
            csv.close();
        }

        private void advance() {
            next = csv.next();
            while (next != null && CsvCells.isMissing(next.cells()[labelColumn])) {
                skipped++;
                next = csv.next();
            }
        }
    }

    private Example toExample(CsvRows.Row row) {
        String[] cells = row.cells();
        double[] features = new double[featureColumns.length];
        for (int f = 0; f < featureColumns.length; f++) {
            String cell = cells[featureColumns[f]];
            Map<String, Integer> categories = featureCategories.get(f);
            if (CsvCells.isMissing(cell)) {
                features[f] = Double.NaN;
            } else if (categories == null) {
                features[f] = CsvCells.number(cell);
            } else {
                features[f] = category(categories, cell.trim(), row, featureColumns[f]);
            }
        }
        String label = cells[labelColumn];
        double target;
        if (labelClasses == null) {
            target = CsvCells.number(label);
        } else {
            String key = numericLabel ? CsvCells.canonical(CsvCells.number(label)) : label.trim();
            target = category(labelClasses, key, row, labelColumn);
        }
        return new Example(features, target);
    }

    private int category(Map<String, Integer> categories, String value, CsvRows.Row row, int column) {
        Integer index = categories.get(value);
        if (index == null) {
            throw new CsvFormatException(file + " line " + row.line() + ": value '" + value + "' of column '"
                + columns.get(column) + "' was not in the file when it was scanned; did the file change?");
        }
        return index;
    }

    private Attribute target(CsvScan scan) {
        String label = options.label();
        Task task = options.task();
        if (!numericLabel || task == Task.CLASSIFICATION) {
            if (task == Task.REGRESSION) {
                throw new CsvFormatException("label column '" + label + "' of " + file + " is not numeric (line "
                    + scan.firstText[labelColumn].line() + ": '" + scan.firstText[labelColumn].cells()[0]
                    + "'), so it cannot be a regression target");
            }
            List<String> classes = numericLabel ? numericClasses(scan) : List.copyOf(scan.categories.get(labelColumn));
            if (classes.size() < 2) {
                throw new CsvFormatException("label column '" + label + "' of " + file + " holds "
                    + (classes.isEmpty() ? "no values" : "a single value, '" + classes.get(0) + "'")
                    + ": there is nothing to classify");
            }
            return Attribute.nominal(label, classes);
        }
        return Attribute.numeric(label);
    }

    private List<String> numericClasses(CsvScan scan) {
        TreeSet<Double> numbers = scan.labelNumbers;
        if (numbers.size() > MAX_NUMERIC_CLASSES) {
            throw new CsvFormatException("label column '" + options.label() + "' of " + file + " holds more than "
                + MAX_NUMERIC_CLASSES + " distinct numbers: too many to be classes; predict it with a regression learner");
        }
        return numbers.stream().map(CsvCells::canonical).distinct().toList();
    }

    private static Map<String, Integer> indexOf(List<String> values) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            index.put(values.get(i), i);
        }
        return index;
    }

    /** What two scans of the file found: column types, categories, row counts. */
    private static final class CsvScan {

        List<String> columns;
        boolean[] numeric;
        /** Per column, the first row whose cell is not a number: its line and that cell alone. */
        CsvRows.Row[] firstText;
        List<TreeSet<String>> categories = new ArrayList<>();
        TreeSet<Double> labelNumbers = new TreeSet<>(Comparator.naturalOrder());
        long rows;
        long unlabelled;

        static CsvScan of(Path file, Options options) {
            CsvScan scan = new CsvScan();
            int label = scan.scanTypes(file, options);
            scan.scanValues(file, options, label);
            return scan;
        }

        /** First scan: which columns are numeric, how many rows have a label; returns the label column. */
        private int scanTypes(Path file, Options options) {
            try (CsvRows csv = CsvRows.open(file, options.separator())) {
                columns = csv.columns();
                int label = checkColumns(file, options);
                numeric = new boolean[columns.size()];
                Arrays.fill(numeric, true);
                firstText = new CsvRows.Row[columns.size()];
                for (CsvRows.Row row = csv.next(); row != null; row = csv.next()) {
                    rows++;
                    String[] cells = row.cells();
                    if (CsvCells.isMissing(cells[label])) {
                        unlabelled++;
                    }
                    for (int c = 0; c < cells.length; c++) {
                        if (numeric[c] && !CsvCells.isMissing(cells[c]) && !CsvCells.isNumber(cells[c])) {
                            numeric[c] = false;
                            firstText[c] = new CsvRows.Row(row.line(), new String[] {cells[c].trim()});
                        }
                    }
                }
                return label;
            }
        }

        /** Second scan: the categories of every nominal column, and the numbers of a numeric label. */
        private void scanValues(Path file, Options options, int label) {
            for (int c = 0; c < columns.size(); c++) {
                categories.add(numeric[c] ? null : new TreeSet<>());
            }
            try (CsvRows csv = CsvRows.open(file, options.separator())) {
                for (CsvRows.Row row = csv.next(); row != null; row = csv.next()) {
                    String[] cells = row.cells();
                    for (int c = 0; c < cells.length; c++) {
                        if (CsvCells.isMissing(cells[c]) || (c != label && options.ignored().contains(columns.get(c)))) {
                            continue;
                        }
                        if (!numeric[c]) {
                            addCategory(file, c, cells[c].trim());
                        } else if (c == label && options.task() == Task.CLASSIFICATION
                                   && labelNumbers.size() <= MAX_NUMERIC_CLASSES) {
                            labelNumbers.add(CsvCells.number(cells[c]) + 0.0);
                        }
                    }
                }
            }
        }

        private void addCategory(Path file, int column, String value) {
            TreeSet<String> values = categories.get(column);
            if (values.add(value) && values.size() > MAX_CATEGORIES) {
                throw new CsvFormatException("column '" + columns.get(column) + "' of " + file + " holds more than "
                    + MAX_CATEGORIES + " distinct values: an identifier or a timestamp? leave it out with --ignore "
                    + columns.get(column));
            }
        }

        private int checkColumns(Path file, Options options) {
            for (String name : options.ignored()) {
                if (!columns.contains(name)) {
                    throw new CsvFormatException(file + " has no column '" + name + "' to ignore; its columns are "
                        + String.join(", ", columns));
                }
            }
            if (options.ignored().contains(options.label())) {
                throw new CsvFormatException("the label column '" + options.label() + "' cannot be ignored");
            }
            int label = columns.indexOf(options.label());
            if (label < 0) {
                throw new CsvFormatException(file + " has no column '" + options.label() + "' to use as the label; "
                    + "its columns are " + String.join(", ", columns));
            }
            return label;
        }
    }
}
