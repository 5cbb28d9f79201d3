package io.millrace.cli;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import io.millrace.devcluster.DevCluster;
import io.millrace.devcluster.DevClusterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code millrace dev-cluster}: a real broker and schema registry on this machine until Ctrl-C. */
@Command(name = "dev-cluster", mixinStandardHelpOptions = true,
    description = {
        "Runs a real Kafka broker and schema registry on this machine until Ctrl-C.",
        "The broker is a single-node KRaft broker in this JVM; the registry is Apicurio Registry",
        "(Confluent Schema Registry API) in a child process. Prints one line when ready:",
        "  READY bootstrap=HOST:PORT registry=URL",
        "Everything it started and wrote (unless --data-dir is given) is removed on exit."})
final class DevClusterCommand implements Callable<Integer> {

    @Option(names = "--broker-port", defaultValue = "9092", description = "Kafka listener port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int brokerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry HTTP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--data-dir", description = "Keep the broker's data here across runs (default: a temporary directory removed on exit).")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of auto-created topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws InterruptedException {
        DevClusterConfig config = DevClusterConfig.defaults()
            .withBrokerPort(brokerPort)
            .withRegistryPort(registryPort)
            .withDataDir(dataDir)
            .withPartitions(partitions);
        DevCluster cluster = DevCluster.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "millrace-dev-cluster-stop"));
        System.out.println(cluster.readyLine());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
