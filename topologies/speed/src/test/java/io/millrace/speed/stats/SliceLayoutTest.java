package io.millrace.speed.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.speed.config.RollingStatsConfig;
import io.millrace.speed.config.WindowSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one store's base slices, and the windows whose overlap its lateness cannot count. */
class SliceLayoutTest {

    @Test
    void theDefaultsShareOneMinuteSlicesKeptADayAndReachBackAnHour() {
        SliceLayout layout = new SliceLayout(RollingStatsConfig.defaults());
        assertThat(layout.slice).isEqualTo(Duration.ofMinutes(1).toMillis());
        assertThat(layout.retention).isEqualTo(Duration.ofDays(1).toMillis());
        assertThat(layout.lookback).isEqualTo(Duration.ofMinutes(59).toMillis());
        assertThat(layout.sliceStart(Duration.ofSeconds(119).toMillis())).isEqualTo(Duration.ofMinutes(1).toMillis());
    }

    @Test
    void hoppingWindowsThatOverlapMoreThanTheLatenessCanCountAreRefused() {
        WindowSpec dayBySecond = WindowSpec.hopping(Duration.ofDays(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofDays(2));
        RollingStatsConfig config = RollingStatsConfig.defaults().withHopping(dayBySecond);
        assertThatThrownBy(() -> new SliceLayout(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap 86400 times").hasMessageContaining("32766");
        WindowSpec hourBySecond = WindowSpec.hopping(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(1),
                Duration.ofDays(1));
        assertThat(new SliceLayout(RollingStatsConfig.defaults().withHopping(hourBySecond)).slice).isEqualTo(1_000L);
    }
}
