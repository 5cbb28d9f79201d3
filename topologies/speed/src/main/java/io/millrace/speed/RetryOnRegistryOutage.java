package io.millrace.speed;

import io.millrace.schemas.serde.WireFormatException;
import io.millrace.speed.serde.WireFormatFailures;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a speed-layer instance does when a stream thread dies. A schema registry outage
 * ({@link WireFormatException#isRetryable()}) is temporary and says nothing about the data, so the thread
 * is replaced: under exactly-once its open transaction was aborted, and the new thread reads the same
 * records again from the last commit, so nothing is lost or doubled (the registry client has already retried
 * with backoff before giving up, which paces the loop). Anything else is a bug or a misconfiguration that a
 * retry will not fix: the instance shuts down so that it is seen, instead of skipping data.
 *
 * <p>Install with {@code kafkaStreams.setUncaughtExceptionHandler(new RetryOnRegistryOutage())}.
 */
public final class RetryOnRegistryOutage implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RetryOnRegistryOutage.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        boolean outage = WireFormatFailures.find(exception).map(WireFormatException::isRetryable).orElse(false);
        if (outage) {
            LOG.warn("Schema registry unavailable; replacing the stream thread to read the same records again: {}",
                    exception.getMessage());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("Stream thread failed; shutting this instance down", exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
