package io.millrace.cli;

import picocli.CommandLine.Option;

/**
 * Where a long-running or client command finds Kafka and the schema registry: by default the ports
 * {@code millrace dev-cluster} listens on, so the two work together out of the box.
 */
final class ClusterAddress {

    static final String DEV_BOOTSTRAP = "localhost:9092";
    static final String DEV_REGISTRY = "http://localhost:8081/apis/ccompat/v7";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = DEV_BOOTSTRAP,
        description = "Kafka cluster (default: ${DEFAULT-VALUE}, where 'millrace dev-cluster' listens).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", defaultValue = DEV_REGISTRY,
        description = "Confluent-compatible schema registry (default: ${DEFAULT-VALUE}, the dev cluster's).")
    String schemaRegistryUrl;
}
