package io.millrace.learning.neural;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One mini-batch of encoded examples, turned into the arrays DL4J's {@code fit} takes.
 *
 * @param inputs  the encoded rows, row after row ({@code rows() * width} values)
 * @param targets class indices (classification) or values (regression)
 * @param weights example weights, scaling each example's loss
 * @param width   network inputs per row
 */
record TrainingBatch(double[] inputs, double[] targets, double[] weights, int width) {

    int rows() {
        return targets.length;
    }

    /** The examples at {@code indices[from, to)} of a whole encoded data set. */
    static TrainingBatch select(double[] allInputs, double[] allTargets, double[] allWeights, int width,
                                int[] indices, int from, int to) {
        int rows = to - from;
        double[] inputs = new double[rows * width];
        double[] targets = new double[rows];
        double[] weights = new double[rows];
        for (int r = 0; r < rows; r++) {
            int source = indices[from + r];
            System.arraycopy(allInputs, source * width, inputs, r * width, width);
            targets[r] = allTargets[source];
            weights[r] = allWeights[source];
        }
        return new TrainingBatch(inputs, targets, weights, width);
    }

    INDArray features() {
        return Nd4j.create(inputs, new long[] {rows(), width}, DataType.DOUBLE);
    }

    /** One-hot rows over {@code outputs} classes for classification; one column of values for regression. */
    INDArray labels(boolean classification, int outputs) {
        double[] labels = new double[rows() * outputs];
        for (int r = 0; r < rows(); r++) {
            if (classification) {
                labels[r * outputs + (int) targets[r]] = 1;
            } else {
                labels[r] = targets[r];
            }
        }
        return Nd4j.create(labels, new long[] {rows(), outputs}, DataType.DOUBLE);
    }

    /** The example weights as a {@code [rows, 1]} column, or null when every weight is 1. */
    INDArray weightColumn() {
        boolean allOnes = true;
        for (double weight : weights) {
            allOnes &= weight == 1.0;
        }
        return allOnes ? null : Nd4j.create(weights, new long[] {rows(), 1}, DataType.DOUBLE);
    }
}
