package io.millrace.learning.neural;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.DoubleUnaryOperator;

/**
 * The forward pass of a dense DL4J network, in plain Java, from a copy of its weights.
 *
 * <p>Why: one DL4J {@code output()} call for a single row costs about 0.3 ms here (native dispatch and
 * workspace bookkeeping), while the arithmetic of a small network is a few thousand multiply-adds, well
 * under a microsecond. Scoring one event at a time therefore runs this pass; batches still go through
 * DL4J. The network computes in double precision, so outputs agree with {@code MultiLayerNetwork.output()}
 * to rounding (tested to 1e-6; about 1e-12 in practice).
 *
 * <p>Each layer computes {@code a = f(W^T x + b)} as DL4J's {@code DenseLayer} and {@code OutputLayer} do,
 * with DL4J's {@code W} of shape {@code [nIn, nOut]} stored here transposed, one output unit's weights
 * contiguous, so the inner loop walks memory in order.
 */
final class DenseForwardPass {

    private final double[][] weights;
    private final double[][] biases;
    private final int[] fanIn;
    private final DoubleUnaryOperator hidden;
    private final boolean softmaxOutput;

    private DenseForwardPass(double[][] weights, double[][] biases, int[] fanIn, DoubleUnaryOperator hidden,
                             boolean softmaxOutput) {
        this.weights = weights;
        this.biases = biases;
        this.fanIn = fanIn;
        this.hidden = hidden;
        this.softmaxOutput = softmaxOutput;
    }

    /**
     * Copies the weights of {@code network}: dense hidden layers with activation {@code hidden}, then an
     * output layer with softmax (classification) or the identity (regression).
     */
    static DenseForwardPass copyOf(MultiLayerNetwork network, DoubleUnaryOperator hidden, boolean softmaxOutput) {
        int layers = network.getnLayers();
        double[][] weights = new double[layers][];
        double[][] biases = new double[layers][];
        int[] fanIn = new int[layers];
        for (int l = 0; l < layers; l++) {
            double[][] w = network.getLayer(l).getParam("W").toDoubleMatrix();
            INDArray b = network.getLayer(l).getParam("b");
            fanIn[l] = w.length;
            weights[l] = transposed(w);
            biases[l] = b.toDoubleVector();
        }
        return new DenseForwardPass(weights, biases, fanIn, hidden, softmaxOutput);
    }

    private static double[] transposed(double[][] w) {
        int nIn = w.length;
        int nOut = nIn == 0 ? 0 : w[0].length;
        double[] t = new double[nIn * nOut];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < nOut; j++) {
                t[j * nIn + i] = w[i][j];
            }
        }
        return t;
    }

    /** The network's output for one encoded input row. */
    double[] apply(double[] input) {
        double[] activations = input;
        int last = weights.length - 1;
        for (int l = 0; l <= last; l++) {
            activations = affine(l, activations);
            if (l < last) {
                for (int j = 0; j < activations.length; j++) {
                    activations[j] = hidden.applyAsDouble(activations[j]);
                }
            }
        }
        return softmaxOutput ? softmaxInPlace(activations) : activations;
    }

    private double[] affine(int layer, double[] x) {
        double[] w = weights[layer];
        double[] b = biases[layer];
        int nIn = fanIn[layer];
        double[] z = new double[b.length];
        for (int j = 0; j < z.length; j++) {
            double sum = b[j];
            int row = j * nIn;
            for (int i = 0; i < nIn; i++) {
                sum += w[row + i] * x[i];
            }
            z[j] = sum;
        }
        return z;
    }

    private static double[] softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            z[j] = Math.exp(z[j] - max);
            sum += z[j];
        }
        for (int j = 0; j < z.length; j++) {
            z[j] /= sum;
        }
        return z;
    }
}
