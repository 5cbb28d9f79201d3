package io.millrace.learning.linear;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * How a linear learner turns a gradient into a weight change. Three per-coordinate optimisers, each
 * with River's defaults:
 * <ul>
 *   <li>{@link Sgd}: plain stochastic gradient descent with a learning-rate schedule (River's
 *       {@code optim.SGD(0.01)});</li>
 *   <li>{@link AdaGrad}: a per-coordinate rate scaled by the root of the summed squared gradients
 *       (Duchi, Hazan and Singer 2011, "Adaptive subgradient methods for online learning and stochastic
 *       optimization", JMLR 12; River's {@code optim.AdaGrad(0.1, 1e-8)});</li>
 *   <li>{@link Ftrl}: FTRL-Proximal (McMahan et al. 2013, "Ad click prediction: a view from the
 *       trenches", KDD, Algorithm 1; River's {@code optim.FTRLProximal(alpha=0.05, beta=1)}), whose L1
 *       term sets irrelevant weights to exactly zero.</li>
 * </ul>
 * The L1 and L2 strengths live in {@link LinearConfig} and apply to every optimiser: as a proximal
 * (soft-threshold) step for SGD and AdaGrad, in closed form for FTRL.
 */
public sealed interface Optimizer permits Optimizer.Sgd, Optimizer.AdaGrad, Optimizer.Ftrl {

    /** How the SGD learning rate changes with the number {@code t} of examples learned so far. */
    enum Schedule {
        /** {@code eta} at every step. */
        CONSTANT,
        /** {@code eta / (t + 1)^power}, River's {@code InverseScaling}. */
        INVERSE_SCALING
    }

    /** Plain SGD. */
    record Sgd(double learningRate, Schedule schedule, double power) implements Optimizer {
        public Sgd {
            requirePositive("learningRate", learningRate);
            if (schedule == null) {
                throw new IllegalArgumentException("schedule is required");
            }
            if (!(power >= 0) || Double.isInfinite(power)) {
                throw new IllegalArgumentException("power must be finite and >= 0, got " + power);
            }
        }

        /** River's default: a constant rate of 0.01. */
        public Sgd() {
            this(0.01, Schedule.CONSTANT, 0.5);
        }

        public Sgd(double learningRate) {
            this(learningRate, Schedule.CONSTANT, 0.5);
        }

        /** The rate for the step after {@code t} examples. */
        public double rate(long t) {
            return schedule == Schedule.CONSTANT ? learningRate : learningRate / Math.pow(t + 1.0, power);
        }
    }

    /** AdaGrad. */
    record AdaGrad(double learningRate, double epsilon) implements Optimizer {
        public AdaGrad {
            requirePositive("learningRate", learningRate);
            requirePositive("epsilon", epsilon);
        }

        /** River's defaults: rate 0.1, epsilon 1e-8. */
        public AdaGrad() {
            this(0.1, 1e-8);
        }
    }

    /** FTRL-Proximal: {@code alpha} scales the per-coordinate rate, {@code beta} smooths it at the start. */
    record Ftrl(double alpha, double beta) implements Optimizer {
        public Ftrl {
            requirePositive("alpha", alpha);
            if (!(beta >= 0) || Double.isInfinite(beta)) {
                throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
            }
        }

        /** River's defaults: alpha 0.05, beta 1. */
        public Ftrl() {
            this(0.05, 1.0);
        }
    }

    /** Writes this optimiser as a tag and its parameters. */
    default void writeTo(DataOutputStream out) throws IOException {
        if (this instanceof Sgd sgd) {
            out.writeByte(0);
            out.writeDouble(sgd.learningRate());
            out.writeByte(sgd.schedule().ordinal());
            out.writeDouble(sgd.power());
        } else if (this instanceof AdaGrad adaGrad) {
            out.writeByte(1);
            out.writeDouble(adaGrad.learningRate());
            out.writeDouble(adaGrad.epsilon());
        } else {
            Ftrl ftrl = (Ftrl) this;
            out.writeByte(2);
            out.writeDouble(ftrl.alpha());
            out.writeDouble(ftrl.beta());
        }
    }

    /** Reads an optimiser written by {@link #writeTo}. */
    static Optimizer readFrom(DataInputStream in) throws IOException {
        int tag = in.readByte();
        try {
            return switch (tag) {
                case 0 -> new Sgd(in.readDouble(), Schedule.values()[in.readByte()], in.readDouble());
                case 1 -> new AdaGrad(in.readDouble(), in.readDouble());
                case 2 -> new Ftrl(in.readDouble(), in.readDouble());
                default -> throw new IOException("unknown optimiser tag " + tag);
            };
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("invalid optimiser parameters: " + e.getMessage(), e);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }
}
