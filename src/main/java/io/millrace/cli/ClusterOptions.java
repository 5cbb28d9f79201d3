package io.millrace.cli;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --bootstrap-servers} and {@code --schema-registry-url} options every command that talks
 * to Kafka shares: both given means an external cluster; neither means the embedded dev cluster.
 */
final class ClusterOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
        description = "An external Kafka cluster (default: start the embedded dev cluster).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
        description = "An external Confluent-compatible schema registry, e.g. http://host:8081 or "
            + "http://host:8080/apis/ccompat/v7 (default: the embedded one).")
    String schemaRegistryUrl;

    /** Connects to the external cluster, or starts the embedded one. */
    ClusterConnection connect() {
        if (bootstrapServers == null && schemaRegistryUrl == null) {
            DevCluster cluster = DevCluster.start(DevClusterConfig.defaults());
            return new ClusterConnection(cluster.bootstrapServers(), cluster.registryUrl(), cluster);
        }
        if (bootstrapServers == null || schemaRegistryUrl == null) {
            throw new IllegalArgumentException("give both --bootstrap-servers and --schema-registry-url for an "
                + "external cluster, or neither for the embedded dev cluster");
        }
        return new ClusterConnection(bootstrapServers, schemaRegistryUrl, null);
    }

    /** Where Kafka and the registry are; closing stops the embedded cluster when this command started it. */
    record ClusterConnection(String bootstrapServers, String registryUrl, DevCluster embedded) implements AutoCloseable {

        boolean isEmbedded() {
            return embedded != null;
        }

        @Override
        public void close() {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
