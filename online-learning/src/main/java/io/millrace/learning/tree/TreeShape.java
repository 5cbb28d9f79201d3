package io.millrace.learning.tree;

/** Size and depth of a tree, for monitoring. */
final class TreeShape {

    private TreeShape() {
    }

    static int count(Node node, boolean leavesOnly) {
        if (node == null) {
            return 0;
        }
        if (node instanceof SplitNode split) {
            int count = leavesOnly ? 0 : 1;
            for (Node child : split.children) {
                count += count(child, leavesOnly);
            }
            return count;
        }
        return 1;
    }

    static int depth(Node node) {
        if (!(node instanceof SplitNode split)) {
            return 0;
        }
        int deepest = 0;
        for (Node child : split.children) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }
}
