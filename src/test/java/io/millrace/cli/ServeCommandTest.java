package io.millrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.millrace.speed.config.ModelDefinition;
import io.millrace.speed.config.ModelSettings;
import io.millrace.speed.presets.PaymentsModel;
import picocli.CommandLine;

/** The options of {@code millrace serve} that configure models; running it is covered on the dev cluster. */
class ServeCommandTest {

    @Test
    void modelOptionsBecomeModelSettings() {
        ServeCommand serve = parse("--model", "fraud=hoeffding-tree", "--model", "fraud-lr=logistic-regression:payments",
            "--checkpoint-every", "250", "--drift-detector", "Page-Hinkley");
        ModelSettings settings = serve.modelSettings();

        assertThat(settings.models()).extracting(ModelDefinition::name, ModelDefinition::learnerKind)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("fraud", "hoeffding-tree"),
                org.assertj.core.groups.Tuple.tuple("fraud-lr", "logistic-regression"));
        assertThat(settings.models()).allSatisfy(model -> assertThat(model.features()).isEqualTo(PaymentsModel.features()));
        assertThat(settings.checkpointEveryExamples()).isEqualTo(250);
        assertThat(settings.driftDetector()).isEqualTo("page-hinkley");
    }

    @Test
    void withoutModelsTheDefaultsHold() {
        ModelSettings settings = parse().modelSettings();
        assertThat(settings.models()).isEmpty();
        assertThat(settings.checkpointEveryExamples()).isEqualTo(ModelSettings.DEFAULT_CHECKPOINT_EVERY);
        assertThat(settings.driftDetector()).isEqualTo("adwin");
    }

    @Test
    void badModelOptionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("--model", "fraud").modelSettings()).hasMessageContaining("NAME=LEARNER[:PRESET]");
        assertThatThrownBy(() -> parse("--model", "fraud=").modelSettings()).hasMessageContaining("NAME=LEARNER[:PRESET]");
        assertThatThrownBy(() -> parse("--model", "fraud=random-forest").modelSettings()).hasMessageContaining("random-forest");
        assertThatThrownBy(() -> parse("--model", "fraud=hoeffding-tree:weather").modelSettings())
            .hasMessageContaining("unknown model preset 'weather'");
        assertThatThrownBy(() -> parse("--model", "fraud/1=hoeffding-tree").modelSettings()).hasMessageContaining("model name");
        assertThatThrownBy(() -> parse("--model", "a=naive-bayes", "--model", "a=hoeffding-tree").modelSettings())
            .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> parse("--drift-detector", "cusum").modelSettings()).hasMessageContaining("adwin");
        assertThatThrownBy(() -> parse("--checkpoint-every", "0").modelSettings()).hasMessageContaining("at least 1");
    }

    @Test
    void helpDescribesTheModelOptions() {
        StringWriter text = new StringWriter();
        CommandLine command = Millrace.commandLine();
        command.setOut(new PrintWriter(text));
        assertThat(command.execute("serve", "--help")).isZero();
        assertThat(text.toString()).contains("--model=NAME=LEARNER[:PRESET]").contains("--checkpoint-every=N")
            .contains("--drift-detector=KIND").contains("page-hinkley").contains("fraud=hoeffding-tree");
    }

    private static ServeCommand parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve;
    }
}
