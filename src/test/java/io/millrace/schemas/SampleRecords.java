package io.millrace.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in record of every Millrace record type, every optional field set, for round trips. */
final class SampleRecords {
    static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    private SampleRecords() {
    }

    static Event event(String id) {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("amount", 129.5);
        features.put("country", "NZ");
        features.put("device_age_days", null);
        return Event.newBuilder().setId(id).setEntity("account-" + id.hashCode() % 10).setEventTime(T0)
                .setFeatures(features).setLabel("fraud").build();
    }

    static OffsetRange offsets() {
        return OffsetRange.newBuilder().setTopic("millrace.valid-events").setPartition(1)
                .setFromOffset(10).setToOffset(2_010).build();
    }

    static List<SpecificRecord> oneOfEach() {
        Label label = Label.newBuilder().setEventId("e-1").setLabel(1.0).setLabelTime(T0.plusSeconds(60)).build();
        Prediction prediction = Prediction.newBuilder().setEventId("e-1").setEntity("account-1").setModelName("fraud")
                .setModelVersion(3).setRoute(Route.CANARY).setScore(0.87).setPredictedClass("fraud")
                .setProbabilities(Map.of("fraud", 0.87, "ok", 0.13)).setFeaturesHash("9f2c")
                .setLatencyMicros(412).setPredictedAt(T0).build();
        DeadLetter deadLetter = DeadLetter.newBuilder().setReasonCode("NOT_WIRE_FORMAT").setReason("first byte 0x7b")
                .setErrorClass("io.millrace.schemas.serde.WireFormatException")
                .setOriginalKey(ByteBuffer.wrap(new byte[] {'k'})).setOriginalValue(ByteBuffer.wrap(new byte[] {'{', '}'}))
                .setSourceTopic("millrace.events").setSourcePartition(2).setSourceOffset(977).setFailedAt(T0).build();
        Provenance provenance = Provenance.newBuilder().setInputOffsets(List.of(offsets())).setSchemaIds(List.of(1, 2))
                .setCodeVersion("0.1.0").setParentVersion(2).setTrainedBy("batch").setExamplesSeen(2_000).build();
        ModelVersion modelVersion = ModelVersion.newBuilder().setModelName("fraud").setVersion(3).setStage(Stage.CANARY)
                .setCanaryShare(0.1).setLearnerKind("hoeffding-tree").setParameters(Map.of("grace_period", "200"))
                .setState(ByteBuffer.wrap(new byte[] {0, 1, 2, -1})).setMetrics(Map.of("accuracy", 0.91, "kappa", 0.62))
                .setProvenance(provenance).setCreatedAt(T0).build();
        DriftAlert driftAlert = DriftAlert.newBuilder().setAlertId("a-1").setSubject("fraud").setSubjectKind(SubjectKind.MODEL)
                .setDetector("adwin").setStatistic(0.31).setThreshold(0.002).setWindow("last 1032 errors")
                .setOffsets(List.of(offsets())).setDetectedAt(T0).build();
        BatchView batchView = BatchView.newBuilder().setFeature("amount").setEntity("account-1").setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(3600)).setCount(2_000).setMean(88.2).setVariance(12.5).setMin(0.5)
                .setMax(9_000).setQuantilesSketch(ByteBuffer.wrap(new byte[] {5, 6})).setDistinctSketch(ByteBuffer.wrap(new byte[] {7}))
                .setWatermark(List.of(offsets())).setComputedAt(T0).build();
        return List.of(event("e-1"), label, prediction, deadLetter, modelVersion, driftAlert, batchView, offsets());
    }
}
