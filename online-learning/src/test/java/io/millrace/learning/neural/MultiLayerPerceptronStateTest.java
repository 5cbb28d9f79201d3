package io.millrace.learning.neural;

import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import io.millrace.learning.neural.MultiLayerPerceptron.Activation;
import io.millrace.learning.neural.MultiLayerPerceptron.Config;
import io.millrace.learning.neural.MultiLayerPerceptron.Updater;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.millrace.learning.neural.MultiLayerPerceptronTest.predictAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restored perceptron predicts and learns exactly as the original; foreign or broken bytes are refused. */
class MultiLayerPerceptronStateTest {

    @BeforeAll
    static void oneNativeThread() {
        NativeThreads.useOne();
    }

    @Test
    void restoredMidStreamPredictsAndLearnsIdentically() {
        Config config = Config.DEFAULTS.withUpdater(Updater.ADAM, 0.01).withActivation(Activation.TANH).withSeed(5);
        Rows.Stream stream = Rows.xor(21, 1_000);
        MultiLayerPerceptron original = new MultiLayerPerceptron(Rows.binary(), config);
        for (int i = 0; i < 600; i++) {
            original.learn(stream.features()[i], stream.targets()[i], 1 + i % 3);
        }
        original.fitBatch(Arrays.copyOf(stream.features(), 200), Arrays.copyOf(stream.targets(), 200), 2);
        for (int i = 600; i < 613; i++) {
            original.learn(stream.features()[i], stream.targets()[i]);
        }
        assertThat(original.pendingExamples()).isEqualTo((600 + 13) % 32);

        MultiLayerPerceptron restored = MultiLayerPerceptron.fromBytes(original.toBytes());

        double[][] probes = Arrays.copyOfRange(stream.features(), 613, 1_000);
        assertThat(restored.config()).isEqualTo(config);
        assertThat(restored.header()).isEqualTo(original.header());
        assertThat(restored.steps()).isEqualTo(original.steps());
        assertThat(restored.pendingExamples()).isEqualTo(original.pendingExamples());
        assertThat(predictAll(restored, probes)).isDeepEqualTo(predictAll(original, probes));

        for (int i = 613; i < 1_000; i++) {
            original.learn(stream.features()[i], stream.targets()[i], 1 + i % 2);
            restored.learn(stream.features()[i], stream.targets()[i], 1 + i % 2);
        }
        original.fitBatch(Arrays.copyOf(stream.features(), 300), Arrays.copyOf(stream.targets(), 300), 2);
        restored.fitBatch(Arrays.copyOf(stream.features(), 300), Arrays.copyOf(stream.targets(), 300), 2);

        assertThat(restored.steps()).isEqualTo(original.steps());
        assertThat(predictAll(restored, probes)).isDeepEqualTo(predictAll(original, probes));
        assertThat(restored.predictBatch(probes)).isDeepEqualTo(original.predictBatch(probes));
    }

    @Test
    void aRegressorRoundTripsWithItsPendingBatch() {
        Rows.Stream stream = Rows.smoothRegression(22, 100, 0.1);
        MultiLayerPerceptron original = new MultiLayerPerceptron(Rows.regression(),
            Config.DEFAULTS.withHiddenLayers(4).withUpdater(Updater.NESTEROVS, 0.01).withMiniBatchSize(64));
        for (int i = 0; i < 60; i++) {
            original.learn(stream.features()[i], stream.targets()[i]);
        }
        MultiLayerPerceptron restored = MultiLayerPerceptron.fromBytes(original.toBytes());
        assertThat(restored.steps()).isZero();
        assertThat(restored.pendingExamples()).isEqualTo(60);

        for (int i = 60; i < 64; i++) {
            original.learn(stream.features()[i], stream.targets()[i]);
            restored.learn(stream.features()[i], stream.targets()[i]);
        }

        assertThat(restored.steps()).isEqualTo(1);
        double[][] probes = Arrays.copyOfRange(stream.features(), 64, 100);
        assertThat(predictAll(restored, probes)).isDeepEqualTo(predictAll(original, probes));
    }

    @Test
    void refusesBytesOfAnotherKindOrBroken() {
        byte[] bytes = new MultiLayerPerceptron(Rows.binary(), Config.DEFAULTS.withHiddenLayers(4)).toBytes();

        assertThat(StateCodec.peekKind(bytes)).isEqualTo("mlp");
        assertThatThrownBy(() -> MultiLayerPerceptron.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)))
            .isInstanceOf(StateFormatException.class);
        assertThatThrownBy(() -> MultiLayerPerceptron.fromBytes(StateCodec.encode("adwin", 1, out -> out.writeInt(1))))
            .isInstanceOf(StateFormatException.class).hasMessageContaining("adwin");
        byte[] corrupt = bytes.clone();
        for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
            corrupt[i] ^= 0x5A;
        }
        assertThatThrownBy(() -> MultiLayerPerceptron.fromBytes(corrupt)).isInstanceOf(StateFormatException.class);
    }

    @Test
    void refusesANetworkThatDoesNotFitItsHeader() {
        byte[] wide = new MultiLayerPerceptron(Rows.threeClasses(), Config.DEFAULTS.withHiddenLayers(4)).toBytes();
        byte[] narrow = new MultiLayerPerceptron(Rows.binary(), Config.DEFAULTS.withHiddenLayers(4)).toBytes();
        byte[] spliced = spliceNetwork(narrow, wide);

        assertThatThrownBy(() -> MultiLayerPerceptron.fromBytes(spliced))
            .isInstanceOf(StateFormatException.class).hasMessageContaining("layer widths");
    }

    /** The bytes of {@code into} with its DL4J network replaced by the one in {@code from}. */
    private static byte[] spliceNetwork(byte[] into, byte[] from) {
        int intoStart = networkStart(into);
        int fromStart = networkStart(from);
        int intoLength = readInt(into, intoStart - 4);
        int fromLength = readInt(from, fromStart - 4);
        byte[] out = new byte[into.length - intoLength + fromLength];
        System.arraycopy(into, 0, out, 0, intoStart - 4);
        System.arraycopy(from, fromStart - 4, out, intoStart - 4, 4 + fromLength);
        System.arraycopy(into, intoStart + intoLength, out, intoStart + fromLength, into.length - intoStart - intoLength);
        return out;
    }

    /** The DL4J network is a zip file: the first local file header marks its start. */
    private static int networkStart(byte[] bytes) {
        for (int i = 0; i < bytes.length - 4; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4) {
                return i;
            }
        }
        throw new AssertionError("no zip in the state");
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
    }
}
