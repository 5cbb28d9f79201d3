package io.millrace.learning.tree;

import io.millrace.learning.drift.Adwin;

/**
 * A leaf of the adaptive tree: a learning leaf plus an ADWIN monitor of its own prediction errors and
 * the generator of its Poisson(1) example weights (each new leaf starts it from seed 1, as MOA does).
 */
final class AdaptiveLeafNode extends LeafNode {

    Adwin errors;
    Lcg48 random;

    AdaptiveLeafNode(double[] classCounts, int classSpan) {
        super(classCounts, classSpan);
        this.random = Lcg48.seeded(1);
    }
}
