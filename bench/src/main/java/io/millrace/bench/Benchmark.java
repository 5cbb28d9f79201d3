package io.millrace.bench;

import io.millrace.learning.tree.HoeffdingTree;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark run: draws each stream once, checks it against MOA's generator, then measures each
 * selected learner beside its MOA counterpart on it (see {@link Alternation}), the drift detectors on
 * the Hoeffding tree's error stream on SEA, and logistic regression alone on a long dense stream.
 * Streams are drawn one at a time and dropped after use, so memory holds one stream (twice: our rows
 * and MOA's instances).
 */
final class Benchmark {

    /** The stream of the logistic-regression throughput run. */
    static final String DENSE = "hyperplane-10";
    /** Leading instances of each stream compared with MOA's generator before the run. */
    static final int CHECKED_INSTANCES = 10_000;

    private final BenchOptions options;
    private final Progress progress;
    private final int count;

    Benchmark(BenchOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
        this.count = Math.toIntExact(options.instances());
    }

    /** The streams the learners are compared on. */
    List<StreamSpec> comparisonStreams() {
        return List.of(StreamSpec.sea(options.seed(), count), StreamSpec.rotatingHyperplane(options.seed(), count),
            StreamSpec.agrawal(options.seed(), count));
    }

    /** The stream of the logistic-regression throughput run: twice as long as the others. */
    StreamSpec denseStream() {
        return StreamSpec.denseHyperplane(options.seed(), Math.toIntExact(2 * options.instances()));
    }

    /** Inputs the whole run goes through: the progress bar's total. */
    long totalSteps() {
        long total = 0;
        total += (long) comparisonStreams().size() * learners().size() * Alternation.steps(count, options.repetitions());
        if (!detectors().isEmpty()) {
            total += count + detectors().size() * Alternation.steps(count, options.repetitions());
        }
        if (options.runs(Contenders.LOGISTIC_REGRESSION.name())) {
            total += Alternation.steps(denseStream().count(), options.repetitions());
        }
        return total;
    }

    Report run() {
        long start = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        List<Report.StreamInfo> streams = new ArrayList<>();
        String detectorInput = null;
        for (StreamSpec spec : comparisonStreams()) {
            boolean detectorsHere = spec.name().equals("sea") && !detectors().isEmpty();
            if (learners().isEmpty() && !detectorsHere) {
                continue;
            }
            BenchStream stream = draw(spec, streams);
            for (LearnerPair pair : learners()) {
                rows.add(measure(pair, stream));
            }
            if (detectorsHere) {
                detectorInput = "the prequential 0/1 errors of our hoeffding-tree on sea (computed once)";
                rows.addAll(measureDetectors(stream));
            }
        }
        if (options.runs(Contenders.LOGISTIC_REGRESSION.name())) {
            BenchStream dense = draw(denseStream(), streams);
            rows.add(measure(Contenders.LOGISTIC_REGRESSION, dense));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Report(options.instances(), options.seed(), options.repetitions(),
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(), streams, detectorInput, rows, Target.judge(rows), seconds);
    }

    private List<LearnerPair> learners() {
        return Contenders.LEARNERS.stream().filter(pair -> options.runs(pair.name())).toList();
    }

    private List<DetectorPair> detectors() {
        return Contenders.DETECTORS.stream().filter(pair -> options.runs(pair.name())).toList();
    }

    private BenchStream draw(StreamSpec spec, List<Report.StreamInfo> streams) {
        progress.task("drawing " + spec.name());
        StreamCheck.requireSameAsMoa(spec, Math.min(spec.count(), CHECKED_INSTANCES));
        BenchStream stream = spec.draw();
        streams.add(new Report.StreamInfo(spec.name(), spec.count(), spec.fullDescription()));
        return stream;
    }

    private Row measure(LearnerPair pair, BenchStream stream) {
        progress.task(pair.name() + " on " + stream.name());
        Alternation.Runs<Prequential.Outcome> runs = Alternation.run(n -> pair.runOurs(stream, n),
            n -> pair.runMoa(stream, n), stream.size(), options.repetitions(), progress);
        return Row.learner(pair, stream, runs);
    }

    private List<Row> measureDetectors(BenchStream sea) {
        progress.task("hoeffding-tree errors on " + sea.name());
        double[] errors = Prequential.errors(Prequential.run(new HoeffdingTree(sea.header()), sea, sea.size()), sea);
        progress.advance(sea.size());
        List<Row> rows = new ArrayList<>();
        for (DetectorPair pair : detectors()) {
            progress.task(pair.name() + " on " + sea.name() + " errors");
            Alternation.Runs<Detection.Outcome> runs = Alternation.run(n -> pair.runOurs(errors, n),
                n -> pair.runMoa(errors, n), errors.length, options.repetitions(), progress);
            rows.add(Row.detector(pair, sea.name() + "-errors", runs));
        }
        return rows;
    }
}
