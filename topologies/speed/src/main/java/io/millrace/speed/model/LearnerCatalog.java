package io.millrace.speed.model;

import io.millrace.learning.Header;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.bayes.GaussianNaiveBayes;
import io.millrace.learning.linear.LinearRegression;
import io.millrace.learning.linear.LogisticRegression;
import io.millrace.learning.tree.HoeffdingAdaptiveTree;
import io.millrace.learning.tree.HoeffdingTree;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the learner of a configured kind and restores any learner from its bytes, for the speed layer.
 *
 * <p>Learners are built with their defaults (MOA's for the trees, River's for the linear models); parameters
 * are refused until this delegates to {@code io.millrace.learning.Learners}, which parses them (one place to
 * change: {@link #create} and {@link #fromBytes}).
 */
public final class LearnerCatalog {

    /** Also accepted for {@code gaussian-naive-bayes}. */
    public static final String NAIVE_BAYES = "naive-bayes";

    /** The kinds {@link #create} builds. */
    public static final List<String> KINDS = List.of(HoeffdingTree.KIND, HoeffdingAdaptiveTree.KIND,
            LogisticRegression.KIND, LinearRegression.KIND, GaussianNaiveBayes.KIND, NAIVE_BAYES);

    private LearnerCatalog() {
    }

    /**
     * A new, untrained learner of {@code kind} for rows shaped as {@code header}.
     *
     * @throws IllegalArgumentException for an unknown kind, or parameters (not supported yet)
     */
    public static Learner create(String kind, Header header, Map<String, String> params) {
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("learner parameters " + params.keySet() + " are not supported yet for '"
                    + kind + "': the speed layer builds learners with their defaults");
        }
        return switch (kind.trim().toLowerCase(Locale.ROOT)) {
            case HoeffdingTree.KIND -> new HoeffdingTree(header);
            case HoeffdingAdaptiveTree.KIND -> new HoeffdingAdaptiveTree(header);
            case LogisticRegression.KIND -> new LogisticRegression(header);
            case LinearRegression.KIND -> new LinearRegression(header);
            case GaussianNaiveBayes.KIND, NAIVE_BAYES -> new GaussianNaiveBayes(header);
            default -> throw new IllegalArgumentException("unknown learner '" + kind + "'; expected one of " + KINDS);
        };
    }

    /**
     * Restores a learner of any kind from its {@code toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a learner's state
     */
    public static Learner fromBytes(byte[] bytes) {
        String kind = StateCodec.peekKind(bytes);
        return switch (kind) {
            case HoeffdingTree.KIND -> HoeffdingTree.fromBytes(bytes);
            case HoeffdingAdaptiveTree.KIND -> HoeffdingAdaptiveTree.fromBytes(bytes);
            case LogisticRegression.KIND -> LogisticRegression.fromBytes(bytes);
            case LinearRegression.KIND -> LinearRegression.fromBytes(bytes);
            case GaussianNaiveBayes.KIND -> GaussianNaiveBayes.fromBytes(bytes);
            default -> throw new StateFormatException("bytes hold a '" + kind + "', which is not a learner");
        };
    }
}
