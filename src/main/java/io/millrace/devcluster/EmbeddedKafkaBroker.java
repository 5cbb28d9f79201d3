package io.millrace.devcluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller) running inside this
 * JVM, from the {@code kafka_2.13} artifact: storage formatted with {@link StorageTool}, then a
 * {@link KafkaRaftServer}. Single-replica settings for the internal topics, so transactions and
 * exactly-once work on one node. Topics are never created implicitly: Millrace creates its own
 * ({@code TopicSetup}) and waits for their leaders, and a typo in a topic name is an error, not a new topic.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    private final boolean ownsLogDir;
    private final int brokerPort;
    private final KafkaRaftServer server;
    private boolean stopped;

    private EmbeddedKafkaBroker(Path logDir, boolean ownsLogDir, int brokerPort, KafkaRaftServer server) {
        this.logDir = logDir;
        this.ownsLogDir = ownsLogDir;
        this.brokerPort = brokerPort;
        this.server = server;
    }

    /** Formats the storage (keeping an already formatted one), starts the broker and waits until it answers. */
    public static EmbeddedKafkaBroker start(DevClusterConfig config) {
        boolean ownsLogDir = config.dataDir() == null;
        Path logDir = ownsLogDir ? Directories.createTemp("millrace-kafka-") : config.dataDir();
        int brokerPort = LocalPorts.resolve(config.brokerPort());
        int controllerPort = LocalPorts.resolve(config.controllerPort());
        Properties props = brokerProperties(logDir, brokerPort, controllerPort, config.partitions());
        try {
            format(logDir, props);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, ownsLogDir, brokerPort, server);
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            if (ownsLogDir) {
                Directories.deleteRecursively(logDir);
            }
            throw e;
        }
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.shutdown();
        server.awaitShutdown();
        if (ownsLogDir) {
            Directories.deleteRecursively(logDir);
        }
    }

    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort, int partitions) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
            Map.entry("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("log.dirs", logDir.toAbsolutePath().toString()),
            Map.entry("num.partitions", Integer.toString(partitions)),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("auto.create.topics.enable", "false")));
        return props;
    }

    private static void format(Path logDir, Properties props) {
        try {
            Path propertiesFile = Files.createTempFile("millrace-kafka-", ".properties");
            try (OutputStream out = Files.newOutputStream(propertiesFile)) {
                props.store(out, "Millrace embedded broker");
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int exit;
            try (PrintStream printer = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
                exit = StorageTool.execute(new String[] {"format", "-t", clusterId(logDir), "-c",
                    propertiesFile.toString(), "--ignore-formatted"}, printer);
            } finally {
                Files.deleteIfExists(propertiesFile);
            }
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + logDir + " failed: "
                    + captured.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format Kafka storage in " + logDir, e);
        }
    }

    /** A new cluster id, or the one already written in a formatted log directory. */
    private static String clusterId(Path logDir) throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties existing = new Properties();
            try (var in = Files.newInputStream(meta)) {
                existing.load(in);
            }
            String id = existing.getProperty("cluster.id");
            if (id != null) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    private void awaitReady() {
        Map<String, Object> adminConfig = Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException("broker on " + bootstrapServers() + " did not become ready within "
                + READY_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
