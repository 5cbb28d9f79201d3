package io.millrace.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.schemas.serde.WireFormatException;
import io.millrace.schemas.serde.WireFormatException.Operation;
import io.millrace.schemas.serde.WireFormatException.Reason;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class RetryOnRegistryOutageTest {
    private final RetryOnRegistryOutage handler = new RetryOnRegistryOutage();

    private static StreamsException failed(Reason reason) {
        return new StreamsException("task 0_0 failed",
                new WireFormatException(reason, Operation.DESERIALIZE, "millrace.events", false, 3, "detail", null));
    }

    @Test
    void aRegistryOutageReplacesTheThread() {
        assertThat(handler.handle(failed(Reason.REGISTRY_UNAVAILABLE))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    @Test
    void anythingElseShutsTheInstanceDown() {
        assertThat(handler.handle(failed(Reason.REGISTRY_ERROR))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(handler.handle(new StreamsException(new IllegalStateException("bug"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
