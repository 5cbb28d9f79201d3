package io.millrace.cli.evaluate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * The rows of a CSV file whose first row names the columns (RFC 4180: quoted values may hold the
 * separator, doubled quotes and line breaks), each with the line it starts on. Blank lines are skipped
 * and a UTF-8 byte order mark is ignored. A row with another number of cells than the header, or a
 * quoting error, fails with a {@link CsvFormatException} that names the file and the line.
 */
final class CsvRows implements AutoCloseable {

    /** One data row: the 1-based line it starts on and its cells, untrimmed. */
    record Row(long line, String[] cells) {
    }

    private static final CsvMapper MAPPER = CsvMapper.builder()
        .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
        .build();

    private final Path file;
    private final CsvParser parser;
    private final List<String> columns;
    private long rowLine;

    private CsvRows(Path file, CsvParser parser) {
        this.file = file;
        this.parser = parser;
        Row header = read();
        if (header == null) {
            throw new CsvFormatException(file + " is empty: a header row naming the columns is required");
        }
        this.columns = columnNames(header);
    }

    /** Opens {@code file} and reads its header row. */
    static CsvRows open(Path file, char separator) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CsvFormatException("cannot read " + file + ": no such readable file");
        }
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            skipByteOrderMark(reader);
            CsvParser parser = (CsvParser) MAPPER.getFactory().createParser(reader);
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(separator));
            try {
                return new CsvRows(file, parser);
            } catch (RuntimeException e) {
                parser.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The column names from the header row, trimmed. */
    List<String> columns() {
        return columns;
    }

    /** The next data row, or null at the end of the file. */
    Row next() {
        Row row = read();
        if (row != null && row.cells().length != columns.size()) {
            throw new CsvFormatException(file + " line " + row.line() + ": expected " + columns.size()
                + " columns as in the header, found " + row.cells().length);
        }
        return row;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Row read() {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            rowLine = parser.currentLocation().getLineNr();
            List<String> cells = new ArrayList<>();
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                if (cells.isEmpty()) {
                    rowLine = parser.currentTokenLocation().getLineNr();
                }
                cells.add(parser.getText());
            }
            return new Row(rowLine, cells.toArray(String[]::new));
        } catch (JsonProcessingException e) {
            // no cause: Jackson's own message repeats this one over several lines
            throw new CsvFormatException(file + " line " + rowLine + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<String> columnNames(Row header) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.cells().length; i++) {
            String name = header.cells()[i].trim();
            if (name.isEmpty()) {
                throw new CsvFormatException(file + " line " + header.line() + ": column " + (i + 1)
                    + " of the header row has no name");
            }
            if (!seen.add(name)) {
                throw new CsvFormatException(file + " line " + header.line() + ": column '" + name
                    + "' is named twice in the header row");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }
}
