package io.millrace.speed.model;

import java.util.List;
import java.util.Optional;

/**
 * A model's {@link RoutingTable} resolved once for scoring: the production version, the canary version, and the
 * shadow versions, as the table's rules choose them.
 */
record Routes(RoutingTable table, Optional<RoutingTable.Entry> production, Optional<RoutingTable.Entry> canary,
              List<RoutingTable.Entry> shadows) {

    static final Routes NONE = of(RoutingTable.empty());

    static Routes of(RoutingTable table) {
        return new Routes(table, table.production(), table.canary(), table.shadows());
    }
}
