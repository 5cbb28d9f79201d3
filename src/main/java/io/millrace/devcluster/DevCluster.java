package io.millrace.devcluster;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Millrace's embedded default: a real KRaft Kafka broker in this JVM and a real schema registry as a
 * child process, started side by side. Closing stops both and removes what they wrote.
 */
public final class DevCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevCluster.class);

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final long startupMillis;

    private DevCluster(EmbeddedKafkaBroker broker, SchemaRegistryServer registry, long startupMillis) {
        this.broker = broker;
        this.registry = registry;
        this.startupMillis = startupMillis;
    }

    /** Starts the broker and the registry in parallel and returns when both answer. */
    public static DevCluster start(DevClusterConfig requested) {
        long started = System.nanoTime();
        int[] ports = LocalPorts.resolveAll(requested.brokerPort(), requested.controllerPort(), requested.registryPort());
        DevClusterConfig config = new DevClusterConfig(ports[0], ports[1], requested.dataDir(), ports[2],
            requested.registryHome(), requested.partitions());
        CompletableFuture<SchemaRegistryServer> registry =
            CompletableFuture.supplyAsync(() -> SchemaRegistryServer.start(config));
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(config);
        } catch (RuntimeException e) {
            registry.thenAccept(SchemaRegistryServer::close);
            throw e;
        }
        try {
            SchemaRegistryServer server = registry.join();
            long millis = (System.nanoTime() - started) / 1_000_000;
            DevCluster cluster = new DevCluster(broker, server, millis);
            LOG.info("dev cluster ready in {} ms: bootstrap={} registry={}", millis,
                cluster.bootstrapServers(), cluster.registryUrl());
            return cluster;
        } catch (CompletionException e) {
            broker.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** The broker's log directory (a temporary one unless the config named it). */
    public Path brokerDataDir() {
        return broker.logDir();
    }

    /** The registry's HTTP port. */
    public int registryPort() {
        return registry.port();
    }

    /** Wall-clock time from the start call until both parts answered. */
    public long startupMillis() {
        return startupMillis;
    }

    /** The one line {@code millrace dev-cluster} prints when it is ready; scripts parse it. */
    public String readyLine() {
        return "READY bootstrap=" + bootstrapServers() + " registry=" + registryUrl();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
