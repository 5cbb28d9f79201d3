package io.millrace.schemas.serde;

import java.util.Objects;

/**
 * How a wire-format serde names subjects and whether it may register schemas.
 *
 * @param key                 true for record keys ({@code -key} subjects), false for values
 * @param autoRegister        register the writer schema on first use (true, the default) or only look it
 *                            up, so that only a deployment pipeline changes schemas (false)
 * @param subjectNameStrategy how topic and schema map to a subject
 */
public record AvroSerdeConfig(boolean key, boolean autoRegister, SubjectNameStrategy subjectNameStrategy) {
    public AvroSerdeConfig {
        Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
    }

    /** Values, auto-registration on, {@code <topic>-value} subjects. */
    public static AvroSerdeConfig forValues() {
        return new AvroSerdeConfig(false, true, SubjectNameStrategy.TOPIC_NAME);
    }

    /** Keys, auto-registration on, {@code <topic>-key} subjects. */
    public static AvroSerdeConfig forKeys() {
        return new AvroSerdeConfig(true, true, SubjectNameStrategy.TOPIC_NAME);
    }

    public AvroSerdeConfig withAutoRegister(boolean enabled) {
        return new AvroSerdeConfig(key, enabled, subjectNameStrategy);
    }

    public AvroSerdeConfig withSubjectNameStrategy(SubjectNameStrategy strategy) {
        return new AvroSerdeConfig(key, autoRegister, strategy);
    }
}
