package io.millrace.speed.model;

import io.millrace.learning.drift.DriftDetector;
import io.millrace.schemas.DriftAlert;
import io.millrace.schemas.ModelVersion;
import io.millrace.schemas.OffsetRange;
import io.millrace.schemas.Provenance;
import io.millrace.schemas.Stage;
import io.millrace.schemas.SubjectKind;
import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.serde.SourceOffset;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The records a trainer writes, built from its state: a model version with its provenance, and a drift alert. */
final class TrainerRecords {

    private TrainerRecords() {
    }

    /** Version {@code version} of {@code model} at {@code stage}: the state's bundle, scores and lineage since its parent. */
    static ModelVersion version(ModelDefinition model, TrainerState state, int version, Stage stage, String codeVersion,
                                long now) {
        Provenance provenance = Provenance.newBuilder()
                .setInputOffsets(state.offsetRanges())
                .setSchemaIds(new ArrayList<>(state.schemaIds))
                .setCodeVersion(codeVersion)
                .setParentVersion(state.parentVersion == 0 ? null : state.parentVersion)
                .setTrainedBy(TrainModels.TRAINED_BY)
                .setExamplesSeen(state.examplesSeen)
                .build();
        return ModelVersion.newBuilder()
                .setModelName(model.name())
                .setVersion(version)
                .setStage(stage)
                .setCanaryShare(0.0)
                .setLearnerKind(state.bundle.learner().kind())
                .setParameters(model.learnerParams())
                .setState(ByteBuffer.wrap(state.bundle.toBytes()))
                .setMetrics(VersionMetrics.of(state.metrics))
                .setProvenance(provenance)
                .setCreatedAt(Instant.ofEpochMilli(now))
                .build();
    }

    /** The alert {@code detector} raised on the errors of {@code model}'s answer {@code served} to {@code example}. */
    static DriftAlert alert(String model, ServedPrediction served, TrainerInput.Example example, DriftDetector detector,
                            long now) {
        List<OffsetRange> offsets = new ArrayList<>(2);
        offsets.add(range(example.eventSource()));
        if (example.labelSource() != null) {
            offsets.add(range(example.labelSource()));
        }
        return DriftAlert.newBuilder()
                .setAlertId(model + "/" + example.eventId())
                .setSubject(model)
                .setSubjectKind(SubjectKind.MODEL)
                .setDetector(detector.kind())
                .setStatistic(detector.statistic())
                .setThreshold(detector.threshold())
                .setWindow(detector.windowDescription() + " (errors of " + model + " v" + served.version() + ")")
                .setOffsets(offsets)
                .setDetectedAt(Instant.ofEpochMilli(now))
                .build();
    }

    private static OffsetRange range(SourceOffset source) {
        return new OffsetRange(source.topic(), source.partition(), source.offset(), source.offset() + 1);
    }
}
