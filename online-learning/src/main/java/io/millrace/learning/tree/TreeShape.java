package io.millrace.learning.tree;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;

/** Size, depth and a readable description of a tree, for monitoring. */
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

    /** One line per node, indented by depth: the tests and, at the leaves, the class weights. */
    static String describe(Header header, Node root) {
        StringBuilder out = new StringBuilder();
        describe(header, root, 0, out);
        return out.toString();
    }

    private static void describe(Header header, Node node, int indent, StringBuilder out) {
        if (node instanceof SplitNode split) {
            Attribute attribute = header.feature(split.attribute);
            for (int branch = 0; branch < split.children.length; branch++) {
                if (split.children[branch] == null) {
                    continue;
                }
                out.append("  ".repeat(indent)).append("if ").append(attribute.name())
                    .append(condition(attribute, split, branch)).append(":\n");
                describe(header, split.children[branch], indent + 1, out);
            }
            return;
        }
        out.append("  ".repeat(indent)).append("leaf ").append(header.target().name()).append(" weights [");
        for (int c = 0; c < node.classCounts.length; c++) {
            out.append(c == 0 ? "" : ", ").append(header.target().values().get(c)).append('=')
                .append(String.format(java.util.Locale.ROOT, "%.1f", node.classCounts[c]));
        }
        out.append("]\n");
    }

    private static String condition(Attribute attribute, SplitNode split, int branch) {
        return switch (split.test) {
            case SplitSuggestion.NUMERIC -> (branch == 0 ? " <= " : " > ") + split.threshold;
            case SplitSuggestion.NOMINAL_MULTIWAY -> " = " + attribute.values().get(branch);
            default -> (branch == 0 ? " = " : " != ") + attribute.values().get(split.category);
        };
    }
}
