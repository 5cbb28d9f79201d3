package io.millrace.cli.produce;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.millrace.schemas.DeadLetter;
import io.millrace.schemas.Event;

/**
 * Events from a file of JSON lines, one event each:
 * {@code {"id": "e1", "entity": "acct-1", "event_time": 1700000000000 | "2024-01-01T00:00:00Z",
 * "features": {"amount": 12.5, "country": "FR", "note": null}, "label": 1}}.
 * A line that is not such an event becomes a {@link DeadLetter} naming the file, the line number and
 * what is wrong, with the line's bytes: nothing is dropped. Blank lines are skipped.
 */
final class JsonLinesEvents implements Iterator<Outgoing>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader reader;
    private final String source;
    private String nextLine;
    private long lineNumber;
    private long nextLineNumber;

    JsonLinesEvents(BufferedReader reader, Path file) {
        this.reader = reader;
        this.source = "file:" + file;
        advance();
    }

    @Override
    public boolean hasNext() {
        return nextLine != null;
    }

    @Override
    public Outgoing next() {
        if (nextLine == null) {
            throw new NoSuchElementException();
        }
        String line = nextLine;
        long number = nextLineNumber;
        advance();
        try {
            return new Outgoing.EventRecord(parse(JSON.readTree(line)));
        } catch (JsonProcessingException e) {
            return rejected(line, number, "INVALID_JSON", "not JSON: " + e.getOriginalMessage(), e.getClass().getName());
        } catch (InvalidLineException e) {
            return rejected(line, number, e.code, e.getMessage(), null);
        }
    }

    private void advance() {
        try {
            do {
                nextLine = reader.readLine();
                lineNumber++;
            } while (nextLine != null && nextLine.isBlank());
            nextLineNumber = lineNumber;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + " at line " + lineNumber, e);
        }
    }

    static Event parse(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidLineException("WRONG_TYPE", "a line must be one JSON object");
        }
        return Event.newBuilder()
            .setId(text(node, "id"))
            .setEntity(text(node, "entity"))
            .setEventTime(time(node))
            .setFeatures(features(node))
            .setLabel(label(node.get("label")))
            .build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidLineException("MISSING_FIELD", "field '" + field + "' is missing");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidLineException("WRONG_TYPE", "field '" + field + "' must be a non-blank string");
        }
        return value.asText();
    }

    private static Instant time(JsonNode node) {
        JsonNode value = node.get("event_time");
        if (value == null || value.isNull()) {
            throw new InvalidLineException("MISSING_FIELD", "field 'event_time' is missing");
        }
        if (value.isIntegralNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new InvalidLineException("WRONG_TYPE",
                "field 'event_time' must be epoch milliseconds or an ISO-8601 instant, got " + value);
        }
    }

    private static Map<String, Object> features(JsonNode node) {
        JsonNode value = node.get("features");
        if (value == null || !value.isObject()) {
            throw new InvalidLineException("MISSING_FIELD", "field 'features' must be an object of feature values");
        }
        Map<String, Object> features = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> features.put(entry.getKey(), featureValue(entry.getKey(), entry.getValue())));
        return features;
    }

    private static Object featureValue(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        throw new InvalidLineException("WRONG_TYPE", "feature '" + name + "' must be a number, a string or null, got " + value);
    }

    private static Object label(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        throw new InvalidLineException("WRONG_TYPE", "field 'label' must be a number, a string or null, got " + value);
    }

    private Outgoing rejected(String line, long number, String code, String reason, String errorClass) {
        return new Outgoing.Rejected(DeadLetter.newBuilder()
            .setReasonCode(code)
            .setReason(source + " line " + number + ": " + reason)
            .setErrorClass(errorClass)
            .setOriginalKey(null)
            .setOriginalValue(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)))
            .setSourceTopic(source)
            .setSourcePartition(-1)
            .setSourceOffset(number)
            .setFailedAt(Instant.now())
            .build());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** A line that parsed as JSON but is not an event. */
    private static final class InvalidLineException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String code;

        InvalidLineException(String code, String message) {
            super(message);
            this.code = code;
        }
    }
}
