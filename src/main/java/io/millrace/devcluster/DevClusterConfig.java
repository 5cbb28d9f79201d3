package io.millrace.devcluster;

import java.nio.file.Path;

/**
 * How the embedded dev cluster starts: ports (0 picks a free one), where the broker keeps its data
 * (null: a temporary directory removed on close), and where the schema registry is unpacked.
 *
 * @param brokerPort     PLAINTEXT listener port of the broker
 * @param controllerPort KRaft controller listener port
 * @param dataDir        broker log directory; kept on close when given, removed when null
 * @param registryPort   HTTP port of the schema registry
 * @param registryHome   directory holding {@code apicurio-registry-app-<version>-runner.jar}
 * @param partitions     default number of partitions of auto-created topics
 */
public record DevClusterConfig(int brokerPort, int controllerPort, Path dataDir, int registryPort,
                               Path registryHome, int partitions) {

    /** System property naming the unpacked registry; the launcher and the test build set it. */
    public static final String REGISTRY_HOME_PROPERTY = "millrace.apicurio.home";

    /** Where the build unpacks the registry, relative to the repository root. */
    public static final Path DEFAULT_REGISTRY_HOME = Path.of("src", "target", "apicurio");

    public DevClusterConfig {
        requirePort("brokerPort", brokerPort);
        requirePort("controllerPort", controllerPort);
        requirePort("registryPort", registryPort);
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
    }

    /** Free ports, a temporary data directory, the registry where the build put it, 3 partitions. */
    public static DevClusterConfig defaults() {
        return new DevClusterConfig(0, 0, null, 0, defaultRegistryHome(), 3);
    }

    public DevClusterConfig withBrokerPort(int port) {
        return new DevClusterConfig(port, controllerPort, dataDir, registryPort, registryHome, partitions);
    }

    public DevClusterConfig withRegistryPort(int port) {
        return new DevClusterConfig(brokerPort, controllerPort, dataDir, port, registryHome, partitions);
    }

    public DevClusterConfig withDataDir(Path dir) {
        return new DevClusterConfig(brokerPort, controllerPort, dir, registryPort, registryHome, partitions);
    }

    public DevClusterConfig withPartitions(int count) {
        return new DevClusterConfig(brokerPort, controllerPort, dataDir, registryPort, registryHome, count);
    }

    private static Path defaultRegistryHome() {
        String configured = System.getProperty(REGISTRY_HOME_PROPERTY);
        return configured != null ? Path.of(configured) : DEFAULT_REGISTRY_HOME;
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or 1-65535, got " + port);
        }
    }
}
