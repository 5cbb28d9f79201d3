package io.millrace.cli.evaluate;

/** A CSV file that cannot be read as a data set; the message names the file and, where it can, the line. */
public final class CsvFormatException extends RuntimeException {

    public CsvFormatException(String message) {
        super(message);
    }

    public CsvFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
