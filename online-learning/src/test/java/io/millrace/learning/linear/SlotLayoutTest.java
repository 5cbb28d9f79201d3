package io.millrace.learning.linear;

import io.millrace.learning.Attribute;
import io.millrace.learning.Header;
import io.millrace.learning.features.Murmur3;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlotLayoutTest {

    private static final Header HEADER = new Header("h", List.of(
        Attribute.numeric("amount"),
        Attribute.nominal("channel", "web", "app"),
        Attribute.nominal("merchant", "grocery", "fuel", "travel", "games")),
        Attribute.nominal("y", "n", "p"));

    @Test
    void numericFeaturesOwnTheirIndexOneHotFollowsHashingComesLast() {
        SlotLayout layout = new SlotLayout(HEADER, new CategoricalEncoding(2, 8, 7));
        assertThat(layout.slot(0, 0)).isEqualTo(0);
        assertThat(layout.slot(1, 0)).isEqualTo(3);
        assertThat(layout.slot(1, 1)).isEqualTo(4);
        // merchant (4 values > 2) hashed: base 5 + murmur3("merchant=fuel", seed 7) mod 8
        assertThat(layout.slot(2, 1)).isEqualTo(5 + Murmur3.bucket("merchant=fuel", 7, 8));
        assertThat(layout.dimension()).isEqualTo(3 + 2 + 8);
    }

    @Test
    void allOneHotWhenCardinalitiesAreSmall() {
        SlotLayout layout = new SlotLayout(HEADER, CategoricalEncoding.defaults());
        assertThat(layout.dimension()).isEqualTo(3 + 2 + 4);
        assertThat(layout.slot(2, 3)).isEqualTo(8);
    }

    @Test
    void collidingCategoriesOfOneRowBecomeOnePairOfValueTwo() {
        Header header = new Header("h", List.of(Attribute.nominal("a", "x", "y"), Attribute.nominal("b", "x", "y")),
            Attribute.nominal("y", "n", "p"));
        SlotLayout layout = new SlotLayout(header, CategoricalEncoding.hashing(1, 0));
        int[] slots = new int[2];
        double[] values = new double[2];
        assertThat(layout.resolve(new double[] {0, 1}, slots, values)).isEqualTo(1);
        assertThat(slots[0]).isEqualTo(2);
        assertThat(values[0]).isEqualTo(2.0);
        assertThat(layout.resolve(new double[] {Double.NaN, 1}, slots, values)).isEqualTo(1);
        assertThat(values[0]).isEqualTo(1.0);
    }

    @Test
    void aLargeAttributeIsHashedIntoBoundedMemory() {
        List<String> many = java.util.stream.IntStream.range(0, 200_000).mapToObj(i -> "v" + i).toList();
        Header header = new Header("h", List.of(Attribute.nominal("a", many)), Attribute.nominal("y", "n", "p"));
        assertThat(new SlotLayout(header, new CategoricalEncoding(10, 1024, 0)).dimension()).isEqualTo(1 + 1024);
        assertThat(new SlotLayout(header, new CategoricalEncoding(Integer.MAX_VALUE, 1024, 0)).dimension()).isEqualTo(1 + 200_000);
        assertThatThrownBy(() -> new CategoricalEncoding(10, CategoricalEncoding.MAX_HASH_BUCKETS + 1, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
