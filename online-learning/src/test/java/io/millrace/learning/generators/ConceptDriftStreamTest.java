package io.millrace.learning.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptDriftStreamTest {

    private static final SeaGenerator.Config BEFORE = SeaGenerator.Config.DEFAULT.withSeed(5);
    private static final SeaGenerator.Config AFTER = BEFORE.withFunction(4).withSeed(6);

    @Test
    void abruptDriftSwitchesExactlyAtTheGivenIndex() {
        ConceptDriftStream stream = ConceptDriftStream.abrupt(new SeaGenerator(BEFORE), new SeaGenerator(AFTER), 3_000, 9);

        List<Instance> drawn = stream.take(6_000);

        assertThat(drawn.subList(0, 3_000)).isEqualTo(new SeaGenerator(BEFORE).take(3_000));
        assertThat(drawn.subList(3_000, 6_000)).isEqualTo(new SeaGenerator(AFTER).take(3_000));
    }

    @Test
    void abruptDriftAtZeroIsTheSecondStreamFromTheStart() {
        ConceptDriftStream stream = ConceptDriftStream.abrupt(new SeaGenerator(BEFORE), new SeaGenerator(AFTER), 0, 1);

        assertThat(stream.take(100)).isEqualTo(new SeaGenerator(AFTER).take(100));
    }

    @Test
    void gradualDriftMixesAroundTheCentreFollowingTheSigmoid() {
        ConceptDriftStream stream = ConceptDriftStream.gradual(new SeaGenerator(BEFORE), new SeaGenerator(AFTER),
            10_000, 4_000, 3);
        boolean[] fromSecond = fromSecond(stream, 20_000);

        assertThat(count(fromSecond, 0, 4_000)).as("long before the change").isLessThan(10);
        assertThat(count(fromSecond, 16_000, 20_000)).as("long after the change").isGreaterThan(3_990);
        // symmetric around the centre the sigmoid averages one half
        assertThat(count(fromSecond, 9_750, 10_250)).isBetween(215, 285);
        // a quarter width before the centre the sigmoid is 1 / (1 + e) = 0.27, a quarter after 0.73
        assertThat(count(fromSecond, 8_900, 9_100)).isBetween(34, 74);
        assertThat(count(fromSecond, 10_900, 11_100)).isBetween(126, 166);
    }

    @Test
    void sigmoidIsMoas() {
        ConceptDriftStream stream = new ConceptDriftStream(new SeaGenerator(BEFORE), new SeaGenerator(AFTER),
            new ConceptDriftStream.Config(1_000, 200, 1));

        assertThat(stream.driftProbability(1_000)).isEqualTo(0.5);
        assertThat(stream.driftProbability(1_100)).isCloseTo(1 / (1 + Math.exp(-2.0)), within(1e-15));
        assertThat(stream.driftProbability(900)).isCloseTo(1 / (1 + Math.exp(2.0)), within(1e-15));
    }

    @Test
    void widthFromAngleIsMoas() {
        assertThat(ConceptDriftStream.Config.widthForAngle(45)).isEqualTo(1);
        assertThat(ConceptDriftStream.Config.widthForAngle(0.01)).isEqualTo(5729);
        assertThatThrownBy(() -> ConceptDriftStream.Config.widthForAngle(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restartReplaysIncludingTheChoiceOfStream() {
        ConceptDriftStream stream = ConceptDriftStream.gradual(new SeaGenerator(BEFORE), new SeaGenerator(AFTER),
            500, 400, 11);
        List<Instance> first = stream.take(2_000);

        stream.restart();

        assertThat(stream.take(2_000)).isEqualTo(first);
    }

    @Test
    void instancesCarryTheCompositeHeader() {
        ConceptDriftStream stream = ConceptDriftStream.abrupt(new SeaGenerator(BEFORE), new SeaGenerator(AFTER), 1, 1);

        assertThat(stream.take(3)).allSatisfy(instance -> assertThat(instance.header()).isSameAs(stream.header()));
    }

    @Test
    void driftsNest() {
        SeaGenerator.Config third = BEFORE.withFunction(2).withSeed(7);
        InstanceStream twice = ConceptDriftStream.abrupt(
            ConceptDriftStream.abrupt(new SeaGenerator(BEFORE), new SeaGenerator(AFTER), 100, 1),
            new SeaGenerator(third), 300, 1);

        List<Instance> drawn = twice.take(400);

        assertThat(drawn.subList(0, 100)).isEqualTo(new SeaGenerator(BEFORE).take(100));
        assertThat(drawn.subList(100, 300)).isEqualTo(new SeaGenerator(AFTER).take(200));
        assertThat(drawn.subList(300, 400)).isEqualTo(new SeaGenerator(third).take(100));
    }

    @Test
    void refusesStreamsOfDifferentShapesAndNegativeWidths() {
        assertThatThrownBy(() -> ConceptDriftStream.abrupt(new SeaGenerator(BEFORE),
            new HyperplaneGenerator(HyperplaneGenerator.Config.DEFAULT), 10, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same shape");
        assertThatThrownBy(() -> new ConceptDriftStream.Config(10, -1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> ConceptDriftStream.abrupt(new SeaGenerator(BEFORE), new SeaGenerator(AFTER), -1, 1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("driftAt");
    }

    /** Which of the first {@code count} instances came from the second stream (SEA function 4, other seed). */
    private static boolean[] fromSecond(ConceptDriftStream stream, int count) {
        SeaGenerator first = new SeaGenerator(BEFORE);
        boolean[] second = new boolean[count];
        Instance expectedFirst = first.next();
        for (int n = 0; n < count; n++) {
            if (stream.next().equals(expectedFirst)) {
                expectedFirst = first.next();
            } else {
                second[n] = true;
            }
        }
        return second;
    }

    private static int count(boolean[] flags, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            count += flags[i] ? 1 : 0;
        }
        return count;
    }
}
