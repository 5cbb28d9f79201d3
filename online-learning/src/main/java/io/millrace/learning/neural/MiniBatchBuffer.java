package io.millrace.learning.neural;

import io.millrace.learning.StateCodec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Encoded examples waiting for the next mini-batch step: rows of network inputs with their targets and
 * weights. Part of the learner's state, so a restored learner takes the same steps as the original.
 */
final class MiniBatchBuffer {

    private final int capacity;
    private final int width;
    private final double[] inputs;
    private final double[] targets;
    private final double[] weights;
    private int size;

    MiniBatchBuffer(int capacity, int width) {
        this.capacity = capacity;
        this.width = width;
        this.inputs = new double[capacity * width];
        this.targets = new double[capacity];
        this.weights = new double[capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == capacity;
    }

    /** Adds one example, encoding its features in place; the buffer must not be full. */
    void add(InputEncoder encoder, double[] features, double target, double weight) {
        encoder.encodeInto(features, inputs, size * width);
        targets[size] = target;
        weights[size] = weight;
        size++;
    }

    /** The buffered examples as one training batch. */
    TrainingBatch batch() {
        return new TrainingBatch(Arrays.copyOf(inputs, size * width), Arrays.copyOf(targets, size),
            Arrays.copyOf(weights, size), width);
    }

    void clear() {
        Arrays.fill(inputs, 0, size * width, 0);
        size = 0;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size * width; i++) {
            out.writeDouble(inputs[i]);
        }
        StateCodec.writeDoubles(out, Arrays.copyOf(targets, size));
        StateCodec.writeDoubles(out, Arrays.copyOf(weights, size));
    }

    /** Reads the examples written by {@link #writeTo} into an empty buffer. */
    void readFrom(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count >= capacity) {
            throw new IOException("pending mini-batch holds " + count + " examples, the batch size is " + capacity);
        }
        for (int i = 0; i < count * width; i++) {
            inputs[i] = in.readDouble();
        }
        double[] readTargets = StateCodec.readDoubles(in);
        double[] readWeights = StateCodec.readDoubles(in);
        if (readTargets.length != count || readWeights.length != count) {
            throw new IOException("pending mini-batch has " + count + " rows but " + readTargets.length
                + " targets and " + readWeights.length + " weights");
        }
        System.arraycopy(readTargets, 0, targets, 0, count);
        System.arraycopy(readWeights, 0, weights, 0, count);
        size = count;
    }
}
