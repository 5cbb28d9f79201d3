package io.millrace.learning.linear;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;

/**
 * The hot-path front of {@link InputChecks}: a row of the right length whose values are all finite,
 * for a header without nominal features, is one {@link InputChecks#checkFeatures} would accept, so it
 * passes after one tight loop; every other row goes to {@code InputChecks}, which decides.
 */
final class RowChecks {

    private final Header header;
    private final boolean allNumeric;

    RowChecks(Header header) {
        this.header = header;
        this.allNumeric = header.features().stream().noneMatch(attribute -> attribute.isNominal());
    }

    void checkFeatures(double[] features) {
        if (allNumeric && features != null && features.length == header.numFeatures() && allFinite(features)) {
            return;
        }
        InputChecks.checkFeatures(header, features);
    }

    private static boolean allFinite(double[] values) {
        for (double value : values) {
            if (!(value - value == 0)) {
                return false;
            }
        }
        return true;
    }
}
