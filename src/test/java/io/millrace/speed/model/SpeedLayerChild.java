package io.millrace.speed.model;

import io.millrace.speed.SpeedLayer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One speed-layer instance in a JVM of its own, for {@link TrainerCrashTest} to kill: arguments bootstrap servers,
 * registry URL, state directory, topic prefix, application id. Prints {@value #RUNNING} once it processes.
 */
public final class SpeedLayerChild {
    static final String RUNNING = "speed layer child RUNNING";

    private SpeedLayerChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        SpeedLayer layer = SpeedLayer.start(TrainerCrashTest.config(args[0], args[1], Path.of(args[2]), args[3], args[4],
                TrainerCrashTest.CHILD_CHECKPOINT_INTERVAL));
        layer.awaitRunning(Duration.ofSeconds(120));
        System.out.println(RUNNING);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
