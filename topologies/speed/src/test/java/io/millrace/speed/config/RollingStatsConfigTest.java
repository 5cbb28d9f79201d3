package io.millrace.speed.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RollingStatsConfigTest {

    @Test
    void defaultsAreOneMinuteTumblingAndOneHourHoppingByFiveMinutesWithOneMinuteGrace() {
        RollingStatsConfig defaults = SpeedLayerConfig.defaults().rollingStats();
        assertThat(defaults.tumbling()).isEqualTo(new WindowSpec(Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1), Duration.ofDays(1)));
        assertThat(defaults.hopping()).isEqualTo(new WindowSpec(Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofMinutes(1), Duration.ofDays(1)));
        assertThat(defaults.withGrace(Duration.ZERO).hopping().grace()).isZero();
    }

    @Test
    void inconsistentWindowsAreRefused() {
        assertThatThrownBy(() -> WindowSpec.hopping(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(1)))
                .hasMessageContaining("advance");
        assertThatThrownBy(() -> WindowSpec.tumbling(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMinutes(30)))
                .hasMessageContaining("retention");
        assertThatThrownBy(() -> WindowSpec.tumbling(Duration.ZERO, Duration.ZERO, Duration.ofDays(1))).hasMessageContaining("size");
        assertThatThrownBy(() -> RollingStatsConfig.defaults().withTumbling(RollingStatsConfig.defaults().hopping()))
                .hasMessageContaining("tumbling");
        assertThatThrownBy(() -> RollingStatsConfig.defaults().withMaxCategories(-1)).hasMessageContaining("maxCategories");
    }

    @Test
    void theSpeedLayerConfigCarriesTheRollingSettings() {
        RollingStatsConfig custom = RollingStatsConfig.defaults().withMaxCategories(7);
        assertThat(SpeedLayerConfig.defaults().withRollingStats(custom).withApplicationId("x").rollingStats()).isEqualTo(custom);
    }
}
