package io.millrace.speed.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.learning.distribution.Psi;
import io.millrace.speed.config.FeatureDriftConfig;
import io.millrace.speed.config.FeatureDriftConfig.ReferenceWindow;
import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.SpeedLayerConfig;
import io.millrace.speed.config.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeatureDriftConfigTest {
    private static final Instant HOUR_BOUNDARY = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theDefaultsWatchEveryFeatureAgainstTheFirstHoppingWindow() {
        FeatureDriftConfig defaults = SpeedLayerConfig.defaults().rollingStats().featureDrift();
        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.reference()).isEqualTo(ReferenceWindow.firstHoppingWindow());
        assertThat(defaults.reference().lengthWith(RollingStatsConfig.defaults().hopping())).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.psi()).isEqualTo(Psi.Config.DEFAULT);
        assertThat(defaults.psi().threshold()).isEqualTo(Psi.SIGNIFICANT);
        assertThat(defaults.ks().alpha()).isEqualTo(0.01);
        assertThat(defaults.minCount()).isEqualTo(200);
        // the default reference follows the hopping windows, so changing them never makes it invalid
        WindowSpec short10 = WindowSpec.hopping(Duration.ofMinutes(10), Duration.ofMinutes(3), Duration.ZERO, Duration.ofMinutes(10));
        assertThat(RollingStatsConfig.defaults().withHopping(short10).featureDrift().reference().lengthWith(short10))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        FeatureDriftConfig defaults = FeatureDriftConfig.defaults();
        assertThatThrownBy(() -> defaults.withMinCount(0)).hasMessageContaining("minCount");
        assertThatThrownBy(() -> defaults.withKsAlpha(1.5)).hasMessageContaining("KS alpha");
        assertThatThrownBy(() -> defaults.withKsAlpha(0)).hasMessageContaining("KS alpha");
        assertThatThrownBy(() -> defaults.withPsiThreshold(-0.1)).hasMessageContaining("PSI threshold");
        assertThatThrownBy(() -> ReferenceWindow.first(Duration.ZERO)).hasMessageContaining("length must be positive");
        assertThatThrownBy(() -> ReferenceWindow.between(HOUR_BOUNDARY, HOUR_BOUNDARY)).hasMessageContaining("start before it ends");
        assertThatThrownBy(() -> new ReferenceWindow(Duration.ofHours(1), HOUR_BOUNDARY, HOUR_BOUNDARY.plusSeconds(3600)))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new ReferenceWindow(null, HOUR_BOUNDARY, null)).hasMessageContaining("both from and to");
    }

    @Test
    void aReferenceThatTheHoppingStoreCannotHoldIsRefused() {
        RollingStatsConfig rolling = RollingStatsConfig.defaults();
        // slices of the default hopping windows are 5 minutes long
        assertThatThrownBy(() -> rolling.withFeatureDrift(rolling.featureDrift().withReference(ReferenceWindow.first(Duration.ofMinutes(7)))))
                .hasMessageContaining("multiple of the hopping windows' slice").hasMessageContaining("PT5M");
        assertThatThrownBy(() -> rolling.withFeatureDrift(rolling.featureDrift().withReference(
                ReferenceWindow.between(HOUR_BOUNDARY.plusSeconds(60), HOUR_BOUNDARY.plusSeconds(3660)))))
                .hasMessageContaining("must start on a multiple");
        assertThatThrownBy(() -> rolling.withFeatureDrift(rolling.featureDrift().withReference(ReferenceWindow.first(Duration.ofDays(1)))))
                .hasMessageContaining("retention");
        // a reference that fits, and one that does not once the retention shrinks
        RollingStatsConfig sixHours = rolling.withFeatureDrift(rolling.featureDrift().withReference(ReferenceWindow.first(Duration.ofHours(6))));
        assertThat(sixHours.featureDrift().reference().length()).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> sixHours.withHopping(sixHours.hopping().withRetention(Duration.ofHours(3))))
                .hasMessageContaining("retention");
        // switched off, it is not checked
        assertThat(sixHours.withFeatureDrift(sixHours.featureDrift().disabled()).withHopping(sixHours.hopping()
                .withRetention(Duration.ofHours(3))).featureDrift().enabled()).isFalse();
    }
}
