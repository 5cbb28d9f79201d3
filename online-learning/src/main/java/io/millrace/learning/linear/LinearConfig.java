package io.millrace.learning.linear;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * Parameters of {@link LogisticRegression} and {@link LinearRegression}. The defaults are River's
 * ({@code linear_model.LogisticRegression} and {@code LinearRegression}): SGD at a constant 0.01, no
 * L1 or L2, an intercept learned at rate 0.01, gradients clipped to +-1e12.
 *
 * @param optimizer             how gradients become weight changes
 * @param l1                    L1 strength (sparsity); 0 for none
 * @param l2                    L2 strength (shrinkage); 0 for none
 * @param fitIntercept          whether to learn an intercept (it is never regularised)
 * @param interceptLearningRate the intercept's constant rate under {@link Optimizer.Sgd}; AdaGrad and FTRL
 *                              treat the intercept as one more coordinate of value 1
 * @param clipGradient          the loss gradient is clipped to {@code [-clipGradient, clipGradient]}
 * @param categorical           how nominal attributes become weights
 */
public record LinearConfig(Optimizer optimizer, double l1, double l2, boolean fitIntercept,
                           double interceptLearningRate, double clipGradient, CategoricalEncoding categorical) {

    public LinearConfig {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(categorical, "categorical");
        requireNonNegative("l1", l1);
        requireNonNegative("l2", l2);
        requireNonNegative("interceptLearningRate", interceptLearningRate);
        if (!(clipGradient > 0)) {
            throw new IllegalArgumentException("clipGradient must be > 0, got " + clipGradient);
        }
    }

    /** River's defaults. */
    public static LinearConfig defaults() {
        return new LinearConfig(new Optimizer.Sgd(), 0, 0, true, 0.01, 1e12, CategoricalEncoding.defaults());
    }

    public LinearConfig withOptimizer(Optimizer value) {
        return new LinearConfig(value, l1, l2, fitIntercept, interceptLearningRate, clipGradient, categorical);
    }

    public LinearConfig withL1(double value) {
        return new LinearConfig(optimizer, value, l2, fitIntercept, interceptLearningRate, clipGradient, categorical);
    }

    public LinearConfig withL2(double value) {
        return new LinearConfig(optimizer, l1, value, fitIntercept, interceptLearningRate, clipGradient, categorical);
    }

    public LinearConfig withIntercept(boolean value) {
        return new LinearConfig(optimizer, l1, l2, value, interceptLearningRate, clipGradient, categorical);
    }

    public LinearConfig withInterceptLearningRate(double value) {
        return new LinearConfig(optimizer, l1, l2, fitIntercept, value, clipGradient, categorical);
    }

    public LinearConfig withClipGradient(double value) {
        return new LinearConfig(optimizer, l1, l2, fitIntercept, interceptLearningRate, value, categorical);
    }

    public LinearConfig withCategorical(CategoricalEncoding value) {
        return new LinearConfig(optimizer, l1, l2, fitIntercept, interceptLearningRate, clipGradient, value);
    }

    void writeTo(DataOutputStream out) throws IOException {
        optimizer.writeTo(out);
        out.writeDouble(l1);
        out.writeDouble(l2);
        out.writeBoolean(fitIntercept);
        out.writeDouble(interceptLearningRate);
        out.writeDouble(clipGradient);
        out.writeInt(categorical.maxOneHotCardinality());
        out.writeInt(categorical.hashBuckets());
        out.writeInt(categorical.hashSeed());
    }

    static LinearConfig readFrom(DataInputStream in) throws IOException {
        Optimizer optimizer = Optimizer.readFrom(in);
        double l1 = in.readDouble();
        double l2 = in.readDouble();
        boolean intercept = in.readBoolean();
        double interceptRate = in.readDouble();
        double clip = in.readDouble();
        int maxOneHot = in.readInt();
        int buckets = in.readInt();
        int seed = in.readInt();
        try {
            return new LinearConfig(optimizer, l1, l2, intercept, interceptRate, clip,
                new CategoricalEncoding(maxOneHot, buckets, seed));
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid linear learner parameters: " + e.getMessage(), e);
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
