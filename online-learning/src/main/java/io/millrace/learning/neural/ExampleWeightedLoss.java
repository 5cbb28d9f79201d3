package io.millrace.learning.neural;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss that scales each example's loss and gradient by the example's weight, for one mini-batch.
 *
 * <p>Why not DL4J's labels mask: a layer also multiplies its pre-activations by its mask, which is right
 * for a 0/1 mask but turns a weight of 2 into doubled logits, so the mask cannot carry real weights. The
 * loss functions themselves only multiply the score and gradient rows by the mask, which is exactly an
 * example weight, so this wrapper hands the weights to the wrapped loss as its mask. It is swapped into
 * the output layer for a weighted step only and swapped out afterwards, so saved networks hold DL4J's own
 * loss and load without Millrace on the classpath.
 */
final class ExampleWeightedLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    private final ILossFunction base;
    private final transient INDArray weights;

    /** Wraps {@code base} with the {@code [rows, 1]} weights of the mini-batch about to be fitted. */
    ExampleWeightedLoss(ILossFunction base, INDArray weights) {
        this.base = base;
        this.weights = weights;
    }

    private INDArray weigh(INDArray mask) {
        return mask == null ? weights : mask.mul(weights);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return base.computeScore(labels, preOutput, activationFn, weigh(mask), average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return base.computeScoreArray(labels, preOutput, activationFn, weigh(mask));
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return base.computeGradient(labels, preOutput, activationFn, weigh(mask));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return base.computeGradientAndScore(labels, preOutput, activationFn, weigh(mask), average);
    }

    @Override
    public String name() {
        return "example-weighted " + base.name();
    }
}
