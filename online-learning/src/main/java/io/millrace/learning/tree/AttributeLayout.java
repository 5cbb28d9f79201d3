package io.millrace.learning.tree;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;

/**
 * Where each attribute's statistics live in a leaf's flat arrays. Computed once per tree from its
 * header and shared by every leaf, so a leaf holds only primitive arrays.
 */
final class AttributeLayout {

    /** Slots of one numeric estimator: weight, mean, squares, min, max, then three cached values. */
    static final int WEIGHT = 0;
    static final int MEAN = 1;
    static final int SQUARES = 2;
    static final int MIN = 3;
    static final int MAX = 4;
    /** Cached standard deviation. */
    static final int STD_DEV = 5;
    /** Cached 1 / (sqrt(2 pi) stdDev). */
    static final int COEFFICIENT = 6;
    /** Cached 2 stdDev^2. */
    static final int TWO_VARIANCE = 7;
    static final int NUMERIC_SLOTS = 8;
    /** Slots written to bytes; the cached ones are recomputed on reading. */
    static final int STORED_NUMERIC_SLOTS = 5;

    final int numAttributes;
    final int numClasses;
    final boolean[] nominal;
    final int[] cardinality;
    /**
     * Numeric attribute: first slot of its class-0 estimator in the numeric array. Nominal
     * attribute: first slot of its class-0 counts in the counts array.
     */
    final int[] base;
    /** Nominal attribute: its (attribute, class 0) index in the per-class totals and spans. */
    final int[] nominalIndex;
    final int numericLength;
    final int countsLength;
    final int nominalClassLength;

    AttributeLayout(Header header) {
        numAttributes = header.numFeatures();
        numClasses = header.numClasses();
        nominal = new boolean[numAttributes];
        cardinality = new int[numAttributes];
        base = new int[numAttributes];
        nominalIndex = new int[numAttributes];
        int numeric = 0;
        int counts = 0;
        int nominalCount = 0;
        for (int j = 0; j < numAttributes; j++) {
            Attribute attribute = header.feature(j);
            if (attribute.isNominal()) {
                nominal[j] = true;
                cardinality[j] = attribute.cardinality();
                base[j] = counts;
                counts += numClasses * cardinality[j];
                nominalIndex[j] = nominalCount * numClasses;
                nominalCount++;
            } else {
                base[j] = numeric;
                numeric += numClasses * NUMERIC_SLOTS;
                nominalIndex[j] = -1;
            }
        }
        numericLength = numeric;
        countsLength = counts;
        nominalClassLength = nominalCount * numClasses;
    }
}
