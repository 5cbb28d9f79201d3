package io.millrace.learning.tree;

/**
 * A node of a Hoeffding tree: the class weights it has seen (frozen once it splits) and the number of
 * classes those weights span (one past the highest class index seen, which sets the range of the
 * information gain as in MOA).
 */
abstract class Node {

    final double[] classCounts;
    int classSpan;

    Node(double[] classCounts, int classSpan) {
        this.classCounts = classCounts;
        this.classSpan = classSpan;
    }

    double weightSeen() {
        double sum = 0.0;
        for (int c = 0; c < classSpan; c++) {
            sum += classCounts[c];
        }
        return sum;
    }
}
