package io.millrace.learning.linear;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.features.Murmur3;

/**
 * Where each input of a row lands in a linear model's weight vector. Numeric feature {@code j} owns
 * slot {@code j}; a one-hot nominal attribute owns one slot per category after the features; hashed
 * nominal attributes share {@code hashBuckets} slots at the end. Every slot is computed once from the
 * header, so the hot path only looks indices up.
 */
final class SlotLayout {

    private final int numFeatures;
    private final int dimension;
    /** For nominal feature j, the slot of each category index; null for numeric features. */
    private final int[][] nominalSlots;
    private final boolean anyNominal;

    SlotLayout(Header header, CategoricalEncoding encoding) {
        numFeatures = header.numFeatures();
        nominalSlots = new int[numFeatures][];
        int next = numFeatures;
        boolean hashed = false;
        for (int j = 0; j < numFeatures; j++) {
            Attribute attribute = header.feature(j);
            if (attribute.isNominal() && attribute.cardinality() <= encoding.maxOneHotCardinality()) {
                nominalSlots[j] = new int[attribute.cardinality()];
                for (int c = 0; c < attribute.cardinality(); c++) {
                    nominalSlots[j][c] = next++;
                }
            } else if (attribute.isNominal()) {
                hashed = true;
            }
        }
        int hashBase = next;
        for (int j = 0; j < numFeatures; j++) {
            Attribute attribute = header.feature(j);
            if (attribute.isNominal() && nominalSlots[j] == null) {
                nominalSlots[j] = new int[attribute.cardinality()];
                for (int c = 0; c < attribute.cardinality(); c++) {
                    String key = attribute.name() + "=" + attribute.values().get(c);
                    nominalSlots[j][c] = hashBase + Murmur3.bucket(key, encoding.hashSeed(), encoding.hashBuckets());
                }
            }
        }
        long total = (long) hashBase + (hashed ? encoding.hashBuckets() : 0);
        if (total > Integer.MAX_VALUE / 16) {
            throw new IllegalArgumentException("linear model would need " + total
                + " weights per class; lower maxOneHotCardinality so large attributes are hashed");
        }
        dimension = (int) total;
        anyNominal = hashed || hashBase > numFeatures;
    }

    /** Number of weights per class (intercept excluded). */
    int dimension() {
        return dimension;
    }

    /** The slot of numeric feature {@code feature}, or of category {@code category} of a nominal one. */
    int slot(int feature, int category) {
        int[] slots = nominalSlots[feature];
        return slots == null ? feature : slots[category];
    }

    boolean isNominal(int feature) {
        return nominalSlots[feature] != null;
    }

    /** Sum of {@code weights[offset + slot] * value} over the row's present inputs; NaN inputs add nothing. */
    double dot(double[] weights, int offset, double[] row) {
        double sum = 0;
        if (!anyNominal) {
            for (int j = 0; j < numFeatures; j++) {
                double x = row[j];
                if (x == x) {
                    sum += weights[offset + j] * x;
                }
            }
            return sum;
        }
        for (int j = 0; j < numFeatures; j++) {
            double x = row[j];
            if (x != x) {
                continue;
            }
            int[] slots = nominalSlots[j];
            sum += slots == null ? weights[offset + j] * x : weights[offset + slots[(int) x]];
        }
        return sum;
    }

    /**
     * Writes the row's present inputs as (slot, value) pairs; two hashed categories of one row that
     * share a slot become one pair of value 2, so each slot appears once.
     *
     * @return the number of pairs written
     */
    int resolve(double[] row, int[] slots, double[] values) {
        int count = 0;
        for (int j = 0; j < numFeatures; j++) {
            double x = row[j];
            if (x != x) {
                continue;
            }
            int[] nominal = nominalSlots[j];
            if (nominal == null) {
                slots[count] = j;
                values[count++] = x;
                continue;
            }
            int slot = nominal[(int) x];
            int seen = indexOf(slots, count, slot);
            if (seen >= 0) {
                values[seen] += 1.0;
            } else {
                slots[count] = slot;
                values[count++] = 1.0;
            }
        }
        return count;
    }

    private static int indexOf(int[] slots, int count, int slot) {
        for (int i = 0; i < count; i++) {
            if (slots[i] == slot) {
                return i;
            }
        }
        return -1;
    }
}
