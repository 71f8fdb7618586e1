package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.experiments.RegularizationFindings.Outcome;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.report.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The findings of regularization-compare on constructed numbers, each seen to hold and to fail. */
class RegularizationFindingsTest {
  private static Outcome outcome(String id, Fit fit, double rms, double nearZero, double norm) {
    return new Outcome(id, id, fit, new WeightStats(new float[0], rms, nearZero, norm));
  }

  /** Six variants as a full-size run might measure them; tests replace one to break a finding. */
  private static List<Outcome> measured() {
    List<Outcome> o = new ArrayList<>();
    o.add(outcome("none", new Fit(1.0, 0.75, 0), 0.10, 0.01, 3.5));
    o.add(outcome("l2", new Fit(0.85, 0.71, 0), 0.05, 0.02, 1.5));
    o.add(outcome("l1", new Fit(0.95, 0.745, 0), 0.08, 0.20, 2.5));
    o.add(outcome("max-norm", new Fit(1.0, 0.78, 0), 0.09, 0.01, 3.0));
    o.add(outcome("dropout", new Fit(0.62, 0.6, 0.04), 0.09, 0.01, 3.2));
    o.add(outcome("dropout+max-norm", new Fit(0.63, 0.61, 0.03), 0.09, 0.01, 2.99));
    return o;
  }

  private static List<Outcome> with(Outcome replacement) {
    List<Outcome> o = measured();
    o.replaceAll(x -> x.id().equals(replacement.id()) ? replacement : x);
    return o;
  }

  @Test
  void everyRegulariserMustNarrowTheGapAndTheOnesThatDoNotAreNamed() {
    // max-norm: gap 0.22, 3 points under 0.25; all narrower
    assertThat(RegularizationFindings.everyOneNarrowsGap(measured()).holds()).isTrue();
    // 0.24: narrower, but by less than two points
    Finding f =
        RegularizationFindings.everyOneNarrowsGap(
            with(outcome("max-norm", new Fit(1.0, 0.76, 0), 0.09, 0.01, 3)));
    assertThat(f.holds()).isFalse();
    assertThat(f.result()).contains("not narrower: max-norm");
  }

  @Test
  void aRegulariserKeepsTheTestAccuracyOnlyIfItAlsoNarrowsTheGap() {
    Finding kept = RegularizationFindings.oneKeepsTestAccuracy(measured());
    assertThat(kept.holds()).isTrue();
    assertThat(kept.result()).startsWith("most test accuracy kept: max-norm (0.78 against 0.75");
    List<Outcome> costly = measured();
    costly.set(2, outcome("l1", new Fit(0.9, 0.70, 0), 0.08, 0.2, 2.5));
    costly.set(3, outcome("max-norm", new Fit(1.0, 0.74, 0), 0.09, 0.01, 3)); // wider gap
    assertThat(RegularizationFindings.oneKeepsTestAccuracy(costly).holds()).isFalse();
  }

  @Test
  void maxNormHelpsDropoutWhenTogetherTheyTestAtLeastAsWell() {
    Finding helps = RegularizationFindings.maxNormHelpsDropout(measured(), 3);
    assertThat(helps.holds()).isTrue();
    assertThat(helps.result()).doesNotContain("never bound");
    Finding hurts =
        RegularizationFindings.maxNormHelpsDropout(
            with(outcome("dropout+max-norm", new Fit(0.6, 0.59, 0), 0.09, 0.01, 3)), 3);
    assertThat(hurts.holds()).isFalse();
    // dropout alone stayed within the cap: the two differ only in their draws
    Finding unbound =
        RegularizationFindings.maxNormHelpsDropout(
            with(outcome("dropout", new Fit(0.62, 0.6, 0.04), 0.09, 0.01, 1.8)), 3);
    assertThat(unbound.result()).contains("the cap never bound");
  }

  @Test
  void l1MustBeTheSparsestAndOverTwiceNone() {
    assertThat(RegularizationFindings.l1Sparsifies(measured()).holds()).isTrue();
    Finding notSparsest =
        RegularizationFindings.l1Sparsifies(
            with(outcome("l2", new Fit(0.85, 0.71, 0), 0.05, 0.30, 1.5)));
    assertThat(notSparsest.holds()).isFalse();
    assertThat(notSparsest.result()).contains("largest: l2");
    // the sparsest, but not twice as sparse as none
    List<Outcome> barely = with(outcome("l1", new Fit(0.95, 0.745, 0), 0.08, 0.019, 2.5));
    barely.set(1, outcome("l2", new Fit(0.85, 0.71, 0), 0.05, 0.012, 1.5));
    assertThat(RegularizationFindings.l1Sparsifies(barely).holds()).isFalse();
  }

  @Test
  void l2MustShrinkTheWeights() {
    assertThat(RegularizationFindings.l2Shrinks(measured()).holds()).isTrue();
    assertThat(
            RegularizationFindings.l2Shrinks(
                    with(outcome("l2", new Fit(0.85, 0.71, 0), 0.11, 0.02, 1.5)))
                .holds())
        .isFalse();
  }

  @Test
  void maxNormMustCapBothOfItsVariantsAndSaysWhetherTheCapBound() {
    Finding caps = RegularizationFindings.maxNormCaps(measured(), 3);
    assertThat(caps.holds()).isTrue();
    assertThat(caps.result()).contains("(the cap bound)");
    assertThat(
            RegularizationFindings.maxNormCaps(
                    with(outcome("dropout+max-norm", new Fit(0.6, 0.6, 0), 0.09, 0.01, 3.01)), 3)
                .holds())
        .isFalse();
    assertThat(
            RegularizationFindings.maxNormCaps(
                    with(outcome("none", new Fit(1, 0.75, 0), 0.1, 0.01, 2.0)), 3)
                .result())
        .contains("never bound");
  }

  @Test
  void weightStatisticsReadOnlyTheWeightMatrices() {
    Network net = Network.builder(2).dense(2).relu().dense(1).build(7);
    for (Param p : net.params()) {
      java.util.Arrays.fill(p.value().data(), p.role() == Param.Role.WEIGHT ? 0f : 100f);
    }
    // W1 = [[3, 0.0005], [4, 0]]: column norms 5 and 0.0005; W2 = [[0], [0]]
    Param w1 = net.params().get(0);
    w1.value().data()[0] = 3f;
    w1.value().data()[1] = 0.0005f;
    w1.value().data()[2] = 4f;
    WeightStats s = WeightStats.of(net);
    assertThat(s.values()).hasSize(6);
    assertThat(s.maxColumnNorm()).isCloseTo(5, within(1e-6));
    assertThat(s.nearZeroShare()).isCloseTo(4.0 / 6, within(1e-12));
    assertThat(s.rms()).isCloseTo(Math.sqrt((9 + 16 + 0.0005 * 0.0005) / 6), within(1e-7));
    assertThat(s.maxAbs()).isEqualTo(4);
  }
}
