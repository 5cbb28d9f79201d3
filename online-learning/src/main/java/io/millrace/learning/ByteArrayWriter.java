package io.millrace.learning;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte array to write state into, for one thread: what {@link java.io.ByteArrayOutputStream} is without
 * its lock on every write ({@link java.io.DataOutputStream} writes an int as four one-byte writes), and without the
 * buffer list and builder that commons-io's unsynchronized stream sets up for each record, which cost more than
 * encoding a small record in the speed layer's profile.
 */
public final class ByteArrayWriter extends OutputStream {
    private static final int DEFAULT_CAPACITY = 256;

    private byte[] buffer;
    private int size;

    public ByteArrayWriter() {
        this(DEFAULT_CAPACITY);
    }

    public ByteArrayWriter(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initial capacity must not be negative: " + initialCapacity);
        }
        this.buffer = new byte[initialCapacity];
    }

    @Override
    public void write(int b) {
        ensureCapacity(size + 1);
        buffer[size++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureCapacity(size + length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** The bytes written so far, as a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** How many bytes were written. */
    public int size() {
        return size;
    }

    /** How many bytes it holds room for. */
    public int capacity() {
        return buffer.length;
    }

    /** Forgets what was written, keeping the room, to write the next record. */
    public void reset() {
        size = 0;
    }

    private void ensureCapacity(int needed) {
        if (needed < 0) {
            throw new OutOfMemoryError("a byte array cannot hold more than 2^31 - 1 bytes");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, Math.max(DEFAULT_CAPACITY, buffer.length * 2)));
        }
    }
}
