package io.millrace.learning.drift;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorsTest {

    @Test
    void buildsEveryDetectorByNameWithItsDefaults() {
        assertThat(((Adwin) Detectors.create("adwin")).config()).isEqualTo(Adwin.Config.DEFAULTS);
        assertThat(((PageHinkley) Detectors.create("page-hinkley")).config()).isEqualTo(PageHinkley.Config.DEFAULTS);
        assertThat(((Ddm) Detectors.create("ddm")).config()).isEqualTo(Ddm.Config.DEFAULTS);
        assertThat(((Eddm) Detectors.create("eddm")).config()).isEqualTo(Eddm.Config.DEFAULTS);
        assertThat(((Kswin) Detectors.create("kswin")).config()).isEqualTo(Kswin.Config.DEFAULTS);
        for (String name : Detectors.NAMES) {
            assertThat(Detectors.create(name).kind()).isEqualTo(name);
        }
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(Detectors.create(" ADWIN ", Map.of())).isInstanceOf(Adwin.class);
        assertThat(Detectors.create("Page-Hinkley", null)).isInstanceOf(PageHinkley.class);
    }

    @Test
    void appliesParametersGivenAsText() {
        Adwin adwin = (Adwin) Detectors.create("adwin", Map.of("delta", "0.01", "clock", "16", "max-buckets", "7",
            "min-window-length", "3", "grace-period", "50", "direction", "Increase"));
        PageHinkley ph = (PageHinkley) Detectors.create("page-hinkley",
            Map.of("min-instances", "10", "delta", "0.1", "lambda", " 25 ", "alpha", "1"));
        Ddm ddm = (Ddm) Detectors.create("ddm", Map.of("min-instances", "50", "warning-level", "1.5", "drift-level", "2.5"));
        Eddm eddm = (Eddm) Detectors.create("eddm", Map.of("min-errors", "20", "warning-level", "0.9", "drift-level", "0.8"));
        Kswin kswin = (Kswin) Detectors.create("kswin", Map.of("alpha", "0.001", "window-size", "500", "stat-size", "100",
            "seed", "-3"));

        assertThat(adwin.config()).isEqualTo(new Adwin.Config(0.01, 16, 7, 3, 50, Adwin.Direction.INCREASE));
        assertThat(ph.config()).isEqualTo(new PageHinkley.Config(10, 0.1, 25, 1));
        assertThat(ddm.config()).isEqualTo(new Ddm.Config(50, 1.5, 2.5));
        assertThat(eddm.config()).isEqualTo(new Eddm.Config(30, 20, 0.9, 0.8));
        assertThat(kswin.config()).isEqualTo(new Kswin.Config(0.001, 500, 100, -3));
    }

    @Test
    void anUnknownDetectorIsNamedWithTheChoices() {
        assertThatThrownBy(() -> Detectors.create("cusum", Map.of()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown detector 'cusum'; expected one of adwin, page-hinkley, ddm, eddm, kswin");
        assertThatThrownBy(() -> Detectors.create(null, Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownParameterIsNamedWithTheDetectorsParameters() {
        assertThatThrownBy(() -> Detectors.create("ddm", Map.of("threshold", "3")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("detector 'ddm' has no parameter 'threshold'; its parameters are min-instances, "
                + "warning-level, drift-level");
    }

    @Test
    void aValueThatDoesNotParseIsNamed() {
        assertThatThrownBy(() -> Detectors.create("adwin", Map.of("delta", "small")))
            .hasMessage("parameter 'delta' of detector 'adwin' must be a finite number, got 'small'");
        assertThatThrownBy(() -> Detectors.create("page-hinkley", Map.of("lambda", "NaN")))
            .hasMessage("parameter 'lambda' of detector 'page-hinkley' must be a finite number, got 'NaN'");
        assertThatThrownBy(() -> Detectors.create("kswin", Map.of("window-size", "1.5")))
            .hasMessage("parameter 'window-size' of detector 'kswin' must be an integer, got '1.5'");
        assertThatThrownBy(() -> Detectors.create("adwin", Map.of("direction", "sideways")))
            .hasMessage("parameter 'direction' of detector 'adwin' must be one of both, increase, decrease, got 'sideways'");
    }

    @Test
    void aValueOutOfRangeIsNamedByItsParameterName() {
        assertThatThrownBy(() -> Detectors.create("adwin", Map.of("delta", "2")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("detector 'adwin': delta must be in (0, 1), got 2.0");
        assertThatThrownBy(() -> Detectors.create("adwin", Map.of("min-window-length", "0")))
            .hasMessage("detector 'adwin': min-window-length must be >= 1, got 0");
        assertThatThrownBy(() -> Detectors.create("kswin", Map.of("window-size", "40")))
            .hasMessageStartingWith("detector 'kswin': window-size must be in [2 * stat-size = 60");
        assertThatThrownBy(() -> Detectors.create("ddm", Map.of("drift-level", "1")))
            .hasMessageContaining("drift-level must be finite and >= warning-level");
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "1");
        assertThatThrownBy(() -> Detectors.create("ddm", nullName)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsParametersWithTheirDefaultsForHelp() {
        assertThat(Detectors.parameters("adwin")).containsExactly(
            Map.entry("delta", "0.002"), Map.entry("clock", "32"), Map.entry("max-buckets", "5"),
            Map.entry("min-window-length", "5"), Map.entry("grace-period", "10"), Map.entry("direction", "both"));
        assertThat(Detectors.parameters("eddm")).containsOnlyKeys("min-instances", "min-errors", "warning-level",
            "drift-level");
        assertThat(Detectors.parameters("kswin")).containsEntry("seed", "42");
    }
}
