package io.millrace.bench.speed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One timed run of one topology.
 *
 * @param contender      which topology ran
 * @param topology       its name, {@link Contender#id(String)}
 * @param round          1-based round it ran in
 * @param order          1-based position in the whole sequence of runs
 * @param applicationId  its Kafka Streams application id (fresh for every run)
 * @param events         events of the input it consumed
 * @param startupSeconds from {@code start()} until the application was RUNNING (partitions assigned, stores open)
 * @param seconds        from RUNNING until every source was committed to its end: the processing time
 * @param eventsPerSecond {@code events / seconds}: the rate the instance sustained
 * @param loadAtStart    the 1-minute load average when the run started
 * @param caughtUp       per source topic, in time order, the seconds from RUNNING until the application had consumed
 *                       all of it for good: where the whole layer's time goes ({@code events}: ingest done;
 *                       {@code valid-events}: scoring; {@code scored-events} and {@code labels}: the label join;
 *                       {@code training-examples}: learning)
 * @param counters       the speed layer's non-zero outcome counters ({@link Counters}); empty for the pass-through
 * @param cpu            where the JVM's CPU went from RUNNING until consumed ({@link CpuUse})
 * @param threadTime     the stream threads' share of time in each phase of their loop ({@code process}, {@code commit},
 *                       {@code poll}, {@code punctuate}), Kafka Streams' own {@code *-ratio} thread metrics at the end
 * @param written        what it wrote to the broker: output and changelog topics, records and bytes ({@link BrokerWrites})
 */
public record RunResult(Contender contender, String topology, int round, int order, String applicationId, long events, double startupSeconds,
                        double seconds, double eventsPerSecond, double loadAtStart, Map<String, Double> caughtUp,
                        Map<String, Long> counters, CpuUse cpu, Map<String, Double> threadTime, BrokerWrites written) {

    public RunResult {
        threadTime = Collections.unmodifiableMap(new LinkedHashMap<>(threadTime));
        caughtUp = Collections.unmodifiableMap(new LinkedHashMap<>(caughtUp));
        counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    }

    /** Stream-thread CPU microseconds per event: the steadier figure on a shared machine. */
    @JsonProperty("streamMicrosPerEvent")
    public double streamMicrosPerEvent() {
        return cpu.streamMicrosPerEvent(events);
    }

    /** The rate with the startup counted in, for those who prefer it. */
    @JsonProperty("eventsPerSecondWithStartup")
    public double eventsPerSecondWithStartup() {
        return events / (startupSeconds + seconds);
    }
}
