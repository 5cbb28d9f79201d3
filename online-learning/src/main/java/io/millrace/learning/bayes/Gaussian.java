package io.millrace.learning.bayes;

/**
 * Weighted Gaussian estimators kept in flat {@code double[]} slots, and the normal density and
 * distribution function used by naive Bayes and by the Hoeffding trees' numeric attribute
 * observers.
 *
 * <p>An estimator occupies three consecutive slots from its base index: total weight, mean and the
 * weighted sum of squared deviations, updated with West's weighted form of Welford's recurrence
 * (Knuth, TAOCP vol. 2, 4.2.2). The arithmetic follows MOA's {@code GaussianEstimator} operation by
 * operation, so that a learner fed the same stream as MOA's computes the same doubles.
 *
 * <p>The normal distribution function is the Cephes {@code ndtr} rational approximation (S. L.
 * Moshier, Cephes Math Library), the one Weka and MOA use, accurate to about 1e-15.
 */
public final class Gaussian {

    /** Offset of the total weight in an estimator's slots. */
    public static final int WEIGHT = 0;
    /** Offset of the mean. */
    public static final int MEAN = 1;
    /** Offset of the sum of squared deviations. */
    public static final int SQUARES = 2;
    /** Slots one estimator takes. */
    public static final int SLOTS = 3;

    /** sqrt(2 pi). */
    public static final double NORMAL_CONSTANT = Math.sqrt(2 * Math.PI);

    private static final double SQRT_HALF = 0.7071067811865476;
    private static final double MAX_LOG = 709.782712893384;

    private static final double[] ERF_T = {
        9.60497373987051638749E0, 9.00260197203842689217E1, 2.23200534594684319226E3,
        7.00332514112805075473E3, 5.55923013010394962768E4};
    private static final double[] ERF_U = {
        3.35617141647503099647E1, 5.21357949780152679795E2, 4.59432382970980127987E3,
        2.26290000613890934246E4, 4.92673942608635921086E4};
    private static final double[] ERFC_P = {
        2.46196981473530512524E-10, 5.64189564831068821977E-1, 7.46321056442269912687E0,
        4.86371970985681366614E1, 1.96520832956077098242E2, 5.26445194995477358631E2,
        9.34528527171957607540E2, 1.02755188689515710272E3, 5.57535335369399327526E2};
    private static final double[] ERFC_Q = {
        1.32281951154744992508E1, 8.67072140885989742329E1, 3.54937778887819891062E2,
        9.75708501743205489753E2, 1.82390916687909736289E3, 2.24633760818710981792E3,
        1.65666309194161350182E3, 5.57535340817727675546E2};
    private static final double[] ERFC_R = {
        5.64189583547755073984E-1, 1.27536670759978104416E0, 5.01905042251180477414E0,
        6.16021097993053585195E0, 7.40974269950448939160E0, 2.97886665372100240670E0};
    private static final double[] ERFC_S = {
        2.26052863220117276590E0, 9.39603524938001434673E0, 1.20489539808096656605E1,
        1.70814450747565897222E1, 9.60896809063285878198E0, 3.36907645100081516050E0};

    private Gaussian() {
    }

    /** Adds one weighted observation to the estimator at {@code base}; non-finite values are ignored. */
    public static void observe(double[] slots, int base, double value, double weight) {
        if (!Double.isFinite(value)) {
            return;
        }
        double weightSum = slots[base + WEIGHT];
        if (weightSum > 0.0) {
            weightSum += weight;
            slots[base + WEIGHT] = weightSum;
            double lastMean = slots[base + MEAN];
            double mean = lastMean + weight * (value - lastMean) / weightSum;
            slots[base + MEAN] = mean;
            slots[base + SQUARES] += weight * (value - lastMean) * (value - mean);
        } else {
            slots[base + MEAN] = value;
            slots[base + WEIGHT] = weight;
        }
    }

    /** Sample variance (weight minus one in the denominator); 0 until more than one unit of weight. */
    public static double variance(double weightSum, double squares) {
        return weightSum > 1.0 ? squares / (weightSum - 1.0) : 0.0;
    }

    /** Standard deviation of the estimator at {@code base}. */
    public static double stdDev(double[] slots, int base) {
        return Math.sqrt(variance(slots[base + WEIGHT], slots[base + SQUARES]));
    }

    /**
     * Normal density at {@code value}. With a zero standard deviation the estimator is a point mass:
     * 1 at its mean, 0 elsewhere. An empty estimator has density 0.
     */
    public static double density(double weightSum, double mean, double stdDev, double value) {
        if (weightSum > 0.0) {
            if (stdDev > 0.0) {
                double diff = value - mean;
                return (1.0 / (NORMAL_CONSTANT * stdDev)) * Math.exp(-(diff * diff / (2.0 * stdDev * stdDev)));
            }
            return value == mean ? 1.0 : 0.0;
        }
        return 0.0;
    }

    /**
     * Natural logarithm of {@link #density}, computed without underflow: {@code -infinity} where the
     * density is 0.
     */
    public static double logDensity(double weightSum, double mean, double stdDev, double value) {
        if (weightSum > 0.0) {
            if (stdDev > 0.0) {
                double z = (value - mean) / stdDev;
                return -0.5 * z * z - Math.log(NORMAL_CONSTANT * stdDev);
            }
            return value == mean ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        return Double.NEGATIVE_INFINITY;
    }

    /** Standard normal distribution function P(Z <= z) (Cephes {@code ndtr}). */
    public static double normalCdf(double z) {
        double x = z * SQRT_HALF;
        double absX = Math.abs(x);
        if (absX < SQRT_HALF) {
            return 0.5 + 0.5 * erf(x);
        }
        double y = 0.5 * erfc(absX);
        return x > 0 ? 1.0 - y : y;
    }

    /** Error function (Cephes {@code erf}). */
    static double erf(double x) {
        if (Math.abs(x) > 1.0) {
            return 1.0 - erfc(x);
        }
        double square = x * x;
        return x * polynomial(square, ERF_T, 4) / monicPolynomial(square, ERF_U, 5);
    }

    /** Complementary error function (Cephes {@code erfc}). */
    static double erfc(double a) {
        double x = a < 0.0 ? -a : a;
        if (x < 1.0) {
            return 1.0 - erf(a);
        }
        double z = -a * a;
        if (z < -MAX_LOG) {
            return a < 0 ? 2.0 : 0.0;
        }
        z = Math.exp(z);
        double p;
        double q;
        if (x < 8.0) {
            p = polynomial(x, ERFC_P, 8);
            q = monicPolynomial(x, ERFC_Q, 8);
        } else {
            p = polynomial(x, ERFC_R, 5);
            q = monicPolynomial(x, ERFC_S, 6);
        }
        double y = z * p / q;
        if (a < 0) {
            y = 2.0 - y;
        }
        if (y == 0.0) {
            return a < 0 ? 2.0 : 0.0;
        }
        return y;
    }

    /** Evaluates c[0] x^n + ... + c[n] by Horner's rule. */
    private static double polynomial(double x, double[] coefficients, int degree) {
        double result = coefficients[0];
        for (int i = 1; i <= degree; i++) {
            result = result * x + coefficients[i];
        }
        return result;
    }

    /** Evaluates x^n + c[0] x^(n-1) + ... + c[n-1] (leading coefficient 1, not stored). */
    private static double monicPolynomial(double x, double[] coefficients, int degree) {
        double result = x + coefficients[0];
        for (int i = 1; i < degree; i++) {
            result = result * x + coefficients[i];
        }
        return result;
    }
}
