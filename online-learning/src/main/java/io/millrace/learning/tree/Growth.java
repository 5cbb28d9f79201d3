package io.millrace.learning.tree;

/** Turns a leaf's split decision into the node that replaces it. */
final class Growth {

    private Growth() {
    }

    /**
     * The node that should replace {@code leaf} now: a split node with a fresh leaf per branch, a
     * fresh leaf with the same class weights when no attribute can split (what MOA's pre-pruning and
     * memory manager amount to), or null when the leaf should keep waiting.
     */
    static Node replacementFor(TreeContext context, LeafNode leaf, NodeFactory factory) {
        SplitSuggestion split = context.splitSearch.attempt(leaf.classCounts, leaf.classSpan, leaf.statistics);
        if (split == null) {
            return null;
        }
        if (split.isNone()) {
            return factory.newLeaf(leaf.classCounts.clone(), leaf.classSpan);
        }
        SplitSearch.Branches branches = context.splitSearch.branches(split, leaf.statistics);
        int children = split.test == SplitSuggestion.NOMINAL_MULTIWAY ? context.cardinality(split.attribute) : 2;
        SplitNode node = factory.newSplit(split.attribute, split.test, split.threshold, split.category,
            leaf.classCounts.clone(), leaf.classSpan, new Node[children]);
        for (int i = 0; i < branches.counts().length; i++) {
            node.children[i] = factory.newLeaf(branches.counts()[i], branches.spans()[i]);
        }
        return node;
    }
}
