package io.millrace.devcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Apicurio Registry, a real schema registry speaking the Confluent Schema Registry API, run as a child
 * process with in-memory storage. A small shell watchdog wraps it, so the registry also stops when
 * this JVM dies without running its shutdown hooks. Its compatibility level is set to BACKWARD, the
 * Confluent default (Apicurio starts at NONE).
 */
public final class SchemaRegistryServer implements AutoCloseable {

    /** Path of the Confluent-compatible API under the registry's root. */
    public static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path logFile;

    private SchemaRegistryServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts the registry and returns once it answers and its compatibility level is BACKWARD. */
    public static SchemaRegistryServer start(DevClusterConfig config) {
        Path runnerJar = findRunnerJar(config.registryHome());
        int port = LocalPorts.resolve(config.registryPort());
        Path logFile = createLogFile();
        ProcessBuilder builder = new ProcessBuilder(watchdogCommand(runnerJar, port))
            .redirectErrorStream(true)
            .redirectOutput(logFile.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the schema registry from " + runnerJar, e);
        }
        SchemaRegistryServer server = new SchemaRegistryServer(process, port, logFile);
        try {
            server.awaitReady();
            server.setCompatibility("BACKWARD");
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Root URL of the Confluent-compatible API, the value of {@code schema.registry.url}. */
    public String url() {
        return "http://localhost:" + port + CCOMPAT_PATH;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteLog();
    }

    private static List<String> watchdogCommand(Path runnerJar, int port) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long parentPid = ProcessHandle.current().pid();
        String script = "\"$@\" & child=$!\n"
            + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT HUP\n"
            + "while kill -0 " + parentPid + " 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done\n"
            + "kill $child 2>/dev/null; wait $child\n";
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "millrace-registry-watchdog"));
        command.addAll(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dquarkus.http.port=" + port,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.log.level=WARN",
            "-jar", runnerJar.toString()));
        return command;
    }

    static Path findRunnerJar(Path registryHome) {
        if (registryHome == null || !Files.isDirectory(registryHome)) {
            throw new IllegalStateException("schema registry not found in " + registryHome
                + ": build once with 'mvn -DskipTests package' (it unpacks Apicurio Registry to src/target/apicurio),"
                + " or set -D" + DevClusterConfig.REGISTRY_HOME_PROPERTY + "=DIR");
        }
        try (Stream<Path> files = Files.list(registryHome)) {
            Optional<Path> jar = files
                .filter(p -> p.getFileName().toString().matches("apicurio-registry-app-.*-runner\\.jar"))
                .findFirst();
            return jar.orElseThrow(() -> new IllegalStateException(
                "no apicurio-registry-app-*-runner.jar in " + registryHome));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + registryHome, e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url() + "/subjects"))
            .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("schema registry exited with " + process.exitValue()
                    + " before it was ready; its log:\n" + logTail());
            }
            if (answers(client, probe)) {
                return;
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("schema registry on port " + port + " not ready within "
            + READY_TIMEOUT.toSeconds() + " s; its log:\n" + logTail());
    }

    private static boolean answers(HttpClient client, HttpRequest probe) {
        try {
            return client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }

    private void setCompatibility(String level) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/config"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}"))
            .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("setting registry compatibility to " + level + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set registry compatibility", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring the schema registry", e);
        }
    }

    private static Path createLogFile() {
        try {
            return Files.createTempFile("millrace-registry-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the registry log file", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void deleteLog() {
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            // the log is a temporary file; failing to remove it is not worth failing the stop
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }
}
