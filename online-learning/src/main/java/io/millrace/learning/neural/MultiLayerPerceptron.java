package io.millrace.learning.neural;

import io.millrace.learning.Header;
import io.millrace.learning.InputChecks;
import io.millrace.learning.InvalidInputException;
import io.millrace.learning.Learner;
import io.millrace.learning.StateCodec;
import io.millrace.learning.StateFormatException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * A multi-layer perceptron (dense feed-forward network) on DeepLearning4j that learns online from
 * mini-batches and in full passes for the batch layer.
 *
 * <p><b>Task.</b> A nominal target makes a classifier: a softmax output over the classes with the
 * multi-class cross-entropy loss (two classes included: a two-way softmax is logistic regression on the
 * last hidden layer, and {@link #predict} returns both probabilities). A numeric target makes a regressor:
 * one identity output with the squared-error loss. Training is back-propagation (Rumelhart, Hinton and
 * Williams, "Learning representations by back-propagating errors", Nature 323, 1986) with the configured
 * updater, Adam by default (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015).
 *
 * <p><b>Inputs.</b> Nominal features are one-hot encoded inside the learner from the {@link Header}, so the
 * network's input width is the number of numeric features plus the categories of every nominal one.
 * A missing value ({@code NaN}) is imputed as 0 after encoding: a missing number becomes 0, a missing
 * category sets none of its slots. Infinite values, a wrong dimension, an unknown category, an invalid
 * label or weight throw {@link InvalidInputException} before anything changes. Numbers enter the network
 * as they are: standardise them upstream (the shared feature definition does), or large raw values
 * saturate the units.
 *
 * <p><b>Online learning.</b> {@link #learn} checks and encodes an example into a pending mini-batch of
 * {@link Config#miniBatchSize()} examples and takes one DL4J gradient step when it is full. Example
 * weights scale each example's loss and gradient ({@link ExampleWeightedLoss}); an example of weight 0 is
 * ignored. Until the
 * first step the network predicts with its seeded random initial weights.
 *
 * <p><b>Batch learning.</b> {@link #fitBatch(double[][], double[], int)} runs several epochs over a whole
 * data set, shuffled each epoch from the seed, in mini-batches of the same size; the pending online
 * mini-batch is left as it is.
 *
 * <p><b>Scoring.</b> A single DL4J {@code output()} call costs about 0.3 ms here, so {@link #predict} runs
 * the forward pass in plain Java from a copy of the weights ({@link DenseForwardPass}), refreshed lazily
 * after each step; {@link #predictBatch} scores many rows with one DL4J call. The network computes in
 * double precision: for networks this small DL4J's cost is per call, not per multiply, and both paths
 * then agree to about 1e-12, so where an event is scored never changes its score.
 *
 * <p><b>State.</b> {@link #toBytes()} holds the configuration, the header, the pending mini-batch and the
 * network written by DL4J's {@code ModelSerializer} with its updater state (Adam's moments and step
 * count), so a restored learner predicts and learns exactly as the original would have. Not thread-safe:
 * one instance belongs to one stream task.
 */
public final class MultiLayerPerceptron implements Learner {

    public static final String KIND = "mlp";
    private static final int FORMAT_VERSION = 1;

    /** Activation of the hidden layers, with the weight initialisation that suits it. */
    public enum Activation {
        /** Rectified linear units with He initialisation. */
        RELU(org.nd4j.linalg.activations.Activation.RELU, WeightInit.RELU, x -> x > 0 ? x : 0),
        /** Hyperbolic tangent with Xavier (Glorot) initialisation. */
        TANH(org.nd4j.linalg.activations.Activation.TANH, WeightInit.XAVIER, Math::tanh);

        private final org.nd4j.linalg.activations.Activation dl4j;
        private final WeightInit weightInit;
        private final DoubleUnaryOperator function;

        Activation(org.nd4j.linalg.activations.Activation dl4j, WeightInit weightInit, DoubleUnaryOperator function) {
            this.dl4j = dl4j;
            this.weightInit = weightInit;
            this.function = function;
        }
    }

    /** The gradient-descent updater, all with their DL4J defaults apart from the learning rate. */
    public enum Updater {
        ADAM, SGD, NESTEROVS, ADAGRAD;

        IUpdater create(double learningRate) {
            return switch (this) {
                case ADAM -> new Adam(learningRate);
                case SGD -> new Sgd(learningRate);
                case NESTEROVS -> new Nesterovs(learningRate);
                case ADAGRAD -> new AdaGrad(learningRate);
            };
        }
    }

    /**
     * The network's shape and training parameters. {@link #DEFAULTS}: hidden layers of 32 and 16 ReLU
     * units, Adam with learning rate 0.001 and L2 0.0001 (scikit-learn's {@code MLPClassifier} defaults;
     * DL4J adds {@code l2 * w} to each step's gradient, biases excluded), mini-batches of 32, seed 1.
     *
     * @param hiddenLayers  units per hidden layer, input side first; empty for a linear model
     * @param activation    activation of the hidden layers
     * @param updater       gradient-descent updater
     * @param learningRate  the updater's learning rate
     * @param l2            L2 regularisation coefficient of the weights
     * @param miniBatchSize examples per gradient step, online and in {@code fitBatch}
     * @param seed          seed of the initial weights and of the epoch shuffles
     */
    public record Config(List<Integer> hiddenLayers, Activation activation, Updater updater, double learningRate,
                         double l2, int miniBatchSize, long seed) {

        public static final Config DEFAULTS = new Config(List.of(32, 16), Activation.RELU, Updater.ADAM, 0.001,
            0.0001, 32, 1);

        public Config {
            hiddenLayers = List.copyOf(hiddenLayers);
            for (int units : hiddenLayers) {
                if (units < 1) {
                    throw new IllegalArgumentException("hidden layers need at least one unit, got " + hiddenLayers);
                }
            }
            Objects.requireNonNull(activation, "activation");
            Objects.requireNonNull(updater, "updater");
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learningRate must be finite and > 0, got " + learningRate);
            }
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 must be finite and >= 0, got " + l2);
            }
            if (miniBatchSize < 1 || miniBatchSize > 1 << 16) {
                throw new IllegalArgumentException("miniBatchSize must be in [1, 65536], got " + miniBatchSize);
            }
        }

        public Config withHiddenLayers(Integer... units) {
            return new Config(List.of(units), activation, updater, learningRate, l2, miniBatchSize, seed);
        }

        public Config withActivation(Activation newActivation) {
            return new Config(hiddenLayers, newActivation, updater, learningRate, l2, miniBatchSize, seed);
        }

        public Config withUpdater(Updater newUpdater, double newLearningRate) {
            return new Config(hiddenLayers, activation, newUpdater, newLearningRate, l2, miniBatchSize, seed);
        }

        public Config withL2(double newL2) {
            return new Config(hiddenLayers, activation, updater, learningRate, newL2, miniBatchSize, seed);
        }

        public Config withMiniBatchSize(int newMiniBatchSize) {
            return new Config(hiddenLayers, activation, updater, learningRate, l2, newMiniBatchSize, seed);
        }

        public Config withSeed(long newSeed) {
            return new Config(hiddenLayers, activation, updater, learningRate, l2, miniBatchSize, newSeed);
        }
    }

    private final Header header;
    private final Config config;
    private final InputEncoder encoder;
    private final MultiLayerNetwork network;
    private final MiniBatchBuffer pending;
    private long shuffledEpochs;
    /** The plain-Java copy of the weights; null when a step has changed them since it was taken. */
    private DenseForwardPass forward;

    public MultiLayerPerceptron(Header header) {
        this(header, Config.DEFAULTS);
    }

    public MultiLayerPerceptron(Header header, Config config) {
        this(header, config, null);
    }

    private MultiLayerPerceptron(Header header, Config config, MultiLayerNetwork restored) {
        this.header = Objects.requireNonNull(header, "header");
        this.config = Objects.requireNonNull(config, "config");
        if (header.isClassification() && header.numClasses() < 2) {
            throw new IllegalArgumentException("classification needs at least two classes, '"
                + header.target().name() + "' has " + header.numClasses());
        }
        this.encoder = new InputEncoder(header);
        this.network = restored != null ? restored : newNetwork();
        this.pending = new MiniBatchBuffer(config.miniBatchSize(), encoder.width());
    }

    private MultiLayerNetwork newNetwork() {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
            .dataType(DataType.DOUBLE)
            .seed(config.seed())
            .updater(config.updater().create(config.learningRate()))
            .weightInit(config.activation().weightInit)
            .l2(config.l2())
            .list();
        int fanIn = encoder.width();
        for (int units : config.hiddenLayers()) {
            layers.layer(new DenseLayer.Builder().nIn(fanIn).nOut(units).activation(config.activation().dl4j).build());
            fanIn = units;
        }
        boolean classification = header.isClassification();
        layers.layer(new OutputLayer.Builder(classification ? LossFunction.MCXENT : LossFunction.MSE)
            .nIn(fanIn)
            .nOut(header.numClasses())
            .activation(classification ? org.nd4j.linalg.activations.Activation.SOFTMAX
                : org.nd4j.linalg.activations.Activation.IDENTITY)
            .build());
        MultiLayerNetwork built = new MultiLayerNetwork(layers.build());
        built.init();
        return built;
    }

    @Override
    public Header header() {
        return header;
    }

    public Config config() {
        return config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Network inputs: numeric features plus the categories of the nominal ones. */
    public int inputWidth() {
        return encoder.width();
    }

    /** Examples waiting for the next online mini-batch step. */
    public int pendingExamples() {
        return pending.size();
    }

    /** Gradient steps taken so far, online and in batch. */
    public long steps() {
        return network.getIterationCount();
    }

    /** Class probabilities, or the predicted value, from the plain-Java forward pass. */
    @Override
    public double[] predict(double[] features) {
        InputChecks.checkFeatures(header, features);
        return forwardPass().apply(encoder.encode(features));
    }

    /**
     * Scores many rows with one DL4J call: row {@code i} of the result is what {@link #predict} returns
     * for {@code rows[i]}, to rounding (about 1e-12). Every row is checked first.
     */
    public double[][] predictBatch(double[][] rows) {
        checkRows(rows);
        if (rows.length == 0) {
            return new double[0][];
        }
        TrainingBatch batch = encodeAll(rows, new double[rows.length], null);
        INDArray output = network.output(batch.features());
        return output.toDoubleMatrix();
    }

    @Override
    public void learn(double[] features, double target, double weight) {
        InputChecks.checkFeatures(header, features);
        InputChecks.checkTarget(header, target, weight);
        if (weight == 0) {
            return;
        }
        pending.add(encoder, features, target, weight);
        if (pending.isFull()) {
            try {
                step(pending.batch());
            } finally {
                pending.clear();
            }
        }
    }

    /** Batch training with every example of weight 1; see {@link #fitBatch(double[][], double[], double[], int)}. */
    public void fitBatch(double[][] features, double[] targets, int epochs) {
        fitBatch(features, targets, null, epochs);
    }

    /**
     * Trains on a whole data set for {@code epochs} passes, shuffled each pass from the seed, in
     * mini-batches of {@link Config#miniBatchSize()}. Every row is checked before the first step, so a bad
     * row anywhere changes nothing. The pending online mini-batch is not touched.
     *
     * @param weights example weights, or null for all 1
     * @throws InvalidInputException naming the first bad row
     */
    public void fitBatch(double[][] features, double[] targets, double[] weights, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        checkRows(features);
        checkTargets(features, targets, weights);
        int rows = features.length;
        if (rows == 0) {
            return;
        }
        TrainingBatch all = encodeAll(features, targets, weights);
        int[] order = new int[rows];
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order);
            for (int from = 0; from < rows; from += config.miniBatchSize()) {
                int to = Math.min(rows, from + config.miniBatchSize());
                step(TrainingBatch.select(all.inputs(), all.targets(), all.weights(), all.width(), order, from, to));
            }
        }
    }

    private void checkRows(double[][] rows) {
        if (rows == null) {
            throw new InvalidInputException("rows are null");
        }
        for (int i = 0; i < rows.length; i++) {
            try {
                InputChecks.checkFeatures(header, rows[i]);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("row " + i + ": " + e.getMessage());
            }
        }
    }

    private void checkTargets(double[][] rows, double[] targets, double[] weights) {
        if (targets == null || targets.length != rows.length) {
            throw new InvalidInputException("expected " + rows.length + " targets, got "
                + (targets == null ? "null" : String.valueOf(targets.length)));
        }
        if (weights != null && weights.length != rows.length) {
            throw new InvalidInputException("expected " + rows.length + " weights, got " + weights.length);
        }
        for (int i = 0; i < rows.length; i++) {
            try {
                InputChecks.checkTarget(header, targets[i], weights == null ? 1 : weights[i]);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("row " + i + ": " + e.getMessage());
            }
        }
    }

    private TrainingBatch encodeAll(double[][] rows, double[] targets, double[] weights) {
        int width = encoder.width();
        double[] inputs = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            encoder.encodeInto(rows[i], inputs, i * width);
        }
        double[] exampleWeights = weights != null ? weights.clone() : filled(rows.length, 1);
        return new TrainingBatch(inputs, targets.clone(), exampleWeights, width);
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        Arrays.fill(values, value);
        return values;
    }

    /** Fisher-Yates over 0..n-1 from a generator seeded by the config seed and the epoch number. */
    private void shuffle(int[] order) {
        SplittableRandom random = new SplittableRandom(config.seed() + 0x9E3779B97F4A7C15L * ++shuffledEpochs);
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** One DL4J gradient step on a mini-batch; weights other than 1 go through {@link ExampleWeightedLoss}. */
    private void step(TrainingBatch batch) {
        INDArray features = batch.features();
        INDArray labels = batch.labels(header.isClassification(), header.numClasses());
        INDArray weights = batch.weightColumn();
        forward = null;
        if (weights == null) {
            network.fit(features, labels);
            return;
        }
        BaseOutputLayer output = (BaseOutputLayer) network.getOutputLayer().conf().getLayer();
        ILossFunction loss = output.getLossFn();
        output.setLossFn(new ExampleWeightedLoss(loss, weights));
        try {
            network.fit(features, labels);
        } finally {
            output.setLossFn(loss);
        }
    }

    private DenseForwardPass forwardPass() {
        if (forward == null) {
            forward = DenseForwardPass.copyOf(network, config.activation().function, header.isClassification());
        }
        return forward;
    }

    @Override
    public byte[] toBytes() {
        byte[] model = serializedNetwork();
        return StateCodec.encode(KIND, FORMAT_VERSION, out -> {
            writeConfig(out, config);
            header.writeTo(out);
            out.writeLong(shuffledEpochs);
            out.writeInt(model.length);
            out.write(model);
            pending.writeTo(out);
        });
    }

    private byte[] serializedNetwork() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, bytes, true);
        } catch (IOException e) {
            throw new IllegalStateException("DL4J could not write the network", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a learner written by {@link #toBytes()}.
     *
     * @throws StateFormatException when the bytes are not a consistent multi-layer perceptron state
     */
    public static MultiLayerPerceptron fromBytes(byte[] bytes) {
        return StateCodec.decode(bytes, KIND, FORMAT_VERSION, (in, version) -> read(in));
    }

    private static MultiLayerPerceptron read(DataInputStream in) throws IOException {
        Config config = readConfig(in);
        Header header = readHeader(in);
        long shuffledEpochs = in.readLong();
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("network length " + length + " exceeds the remaining bytes");
        }
        MultiLayerNetwork network = restoreNetwork(in.readNBytes(length));
        MultiLayerPerceptron learner;
        try {
            learner = new MultiLayerPerceptron(header, config, network);
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("mlp state is inconsistent: " + e.getMessage(), e);
        }
        learner.checkShape();
        learner.shuffledEpochs = shuffledEpochs;
        learner.pending.readFrom(in);
        return learner;
    }

    private static Header readHeader(DataInputStream in) throws IOException {
        try {
            return Header.readFrom(in);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new StateFormatException("mlp state has an invalid header: " + e.getMessage(), e);
        }
    }

    private static MultiLayerNetwork restoreNetwork(byte[] model) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), true);
        } catch (IOException | RuntimeException e) {
            throw new StateFormatException("mlp state holds no readable DL4J network: " + e, e);
        }
    }

    /** Checks that the restored network has the layers the config and header describe. */
    private void checkShape() {
        List<Integer> expected = new ArrayList<>();
        expected.add(encoder.width());
        expected.addAll(config.hiddenLayers());
        expected.add(header.numClasses());
        List<Integer> actual = new ArrayList<>();
        for (int l = 0; l < network.getnLayers(); l++) {
            long[] shape = network.getLayer(l).getParam("W").shape();
            if (l == 0) {
                actual.add((int) shape[0]);
            }
            actual.add((int) shape[1]);
        }
        if (!actual.equals(expected)) {
            throw new StateFormatException("mlp network has layer widths " + actual + ", its config and header say "
                + expected);
        }
    }

    private static void writeConfig(DataOutputStream out, Config config) throws IOException {
        out.writeInt(config.hiddenLayers().size());
        for (int units : config.hiddenLayers()) {
            out.writeInt(units);
        }
        out.writeUTF(config.activation().name());
        out.writeUTF(config.updater().name());
        out.writeDouble(config.learningRate());
        out.writeDouble(config.l2());
        out.writeInt(config.miniBatchSize());
        out.writeLong(config.seed());
    }

    private static Config readConfig(DataInputStream in) throws IOException {
        int layers = in.readInt();
        if (layers < 0 || layers > in.available() / Integer.BYTES) {
            throw new IOException("hidden layer count " + layers + " exceeds the remaining bytes");
        }
        List<Integer> hidden = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            hidden.add(in.readInt());
        }
        try {
            return new Config(hidden, Activation.valueOf(in.readUTF()), Updater.valueOf(in.readUTF()),
                in.readDouble(), in.readDouble(), in.readInt(), in.readLong());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException("mlp state has an invalid configuration: " + e.getMessage(), e);
        }
    }
}
