package io.millrace.speed.model;

import io.millrace.learning.Learners;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.features.FeatureEncoder;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * What a model version is: the feature encoder (the one feature definition with its scaler statistics) and
 * the learner, which only make sense together. The {@code state} bytes of a {@code ModelVersion} are a bundle:
 * a {@link StateCodec} envelope of kind {@value #KIND} holding the encoder's bytes, then the learner's. Scoring
 * encodes with the version's own encoder, so a version scores the same on every instance and in serving.
 */
public final class ModelBundle {

    public static final String KIND = "model-bundle";
    private static final int FORMAT_VERSION = 1;

    private final FeatureEncoder encoder;
    private final Learner learner;

    public ModelBundle(FeatureEncoder encoder, Learner learner) {
        if (!encoder.header().features().equals(learner.header().features())
                || !encoder.header().target().equals(learner.header().target())) {
            throw new IllegalArgumentException("learner '" + learner.kind() + "' was built for other rows than the encoder's");
        }
        this.encoder = encoder;
        this.learner = learner;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    public Learner learner() {
        return learner;
    }

    /** The encoded row of these raw and rolling features, with the encoder's statistics as they are. */
    public double[] encode(Map<String, ?> raw, Map<String, ?> rolling) {
        return encoder.encode(raw, rolling);
    }

    public byte[] toBytes() {
        byte[] encoderBytes = encoder.toBytes();
        byte[] learnerBytes = learner.toBytes();
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            out.writeInt(encoderBytes.length);
            out.write(encoderBytes);
            out.writeInt(learnerBytes.length);
            out.write(learnerBytes);
        });
    }

    /**
     * Restores a bundle written by {@link #toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a bundle, or hold a damaged encoder or learner
     */
    public static ModelBundle fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> {
            FeatureEncoder encoder = FeatureEncoder.fromBytes(readBlock(in, "encoder"));
            Learner learner = Learners.fromBytes(readBlock(in, "learner"));
            try {
                return new ModelBundle(encoder, learner);
            } catch (IllegalArgumentException e) {
                throw new StateFormatException(e.getMessage());
            }
        });
    }

    /** The remaining bytes of an Avro {@code bytes} field, copied. */
    public static byte[] bytesOf(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    private static byte[] readBlock(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new StateFormatException("model bundle's " + what + " claims " + length + " bytes");
        }
        return in.readNBytes(length);
    }
}
