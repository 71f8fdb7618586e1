package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.report.Finding;
import org.junit.jupiter.api.Test;

/** The overfitting findings on constructed numbers, each seen to hold and to fail. */
class OverfitFindingsTest {
  private static final Fit OVERFIT = new Fit(1.0, 0.75, 0);

  @Test
  void aFitSummarisesTheLastTenthAndTheRiseFromTheTenthBefore() {
    double[] train = new double[20];
    double[] test = new double[20];
    for (int i = 0; i < 20; i++) {
      train[i] = i < 18 ? 0.5 : i < 19 ? 0.6 : 0.7; // tenth = 2 epochs: 0.65 after 0.5
      test[i] = 0.4;
    }
    Fit fit = Fit.of(train, test);
    assertThat(fit.train()).isCloseTo(0.65, within(1e-12));
    assertThat(fit.test()).isCloseTo(0.4, within(1e-12));
    assertThat(fit.gap()).isCloseTo(0.25, within(1e-12));
    assertThat(fit.trainRise()).isCloseTo(0.15, within(1e-12));
    assertThat(fit.levelledOff()).isFalse();
    assertThat(Fit.of(new double[] {0.3}, new double[] {0.2}).trainRise()).isZero();
  }

  @Test
  void overfittingNeedsBothAHighTrainingAccuracyAndAWideGap() {
    assertThat(OverfitFindings.overfitsWithout(OVERFIT).holds()).isTrue();
    assertThat(OverfitFindings.overfitsWithout(new Fit(0.9, 0.6, 0)).holds()).isFalse();
    assertThat(OverfitFindings.overfitsWithout(new Fit(1.0, 0.95, 0)).holds()).isFalse();
  }

  @Test
  void aNarrowerGapHoldsButItsResultTellsTheCost() {
    // dropout as measured at full size: the gap closes because training falls, test accuracy too
    Fit dropout = new Fit(0.62, 0.6, 0.04);
    Finding f = OverfitFindings.narrowsGap("dropout 0.2", OVERFIT, dropout);
    assertThat(f.holds()).isTrue();
    assertThat(f.result())
        .contains("gap 0.25 → 0.02")
        .contains("test accuracy 0.75 → 0.6 (−15.0 points)")
        .contains("training accuracy 1 → 0.62, still rising (+0.04");
    assertThat(OverfitFindings.narrowsGap("x", OVERFIT, new Fit(1.0, 0.7, 0)).holds()).isFalse();
    // narrower by one point only: within what the networks' own draws make
    assertThat(OverfitFindings.narrowsGap("x", OVERFIT, new Fit(1.0, 0.76, 0)).holds()).isFalse();
  }

  @Test
  void testAccuracyIsKeptWithinOnePoint() {
    assertThat(OverfitFindings.keepsTestAccuracy("x", OVERFIT, new Fit(0.9, 0.745, 0)).holds())
        .isTrue();
    Finding lost = OverfitFindings.keepsTestAccuracy("x", OVERFIT, new Fit(0.9, 0.71, 0));
    assertThat(lost.holds()).isFalse();
    assertThat(lost.result()).contains("−4.0 points");
  }

  @Test
  void trainingThatStillRisesHasNotLevelledOff() {
    assertThat(OverfitFindings.levelsOff("x", new Fit(0.9, 0.7, 0.005), 201).holds()).isTrue();
    Finding rising = OverfitFindings.levelsOff("x", new Fit(0.6, 0.55, 0.03), 301);
    assertThat(rising.holds()).isFalse();
    assertThat(rising.claim()).contains("301 epochs");
    assertThat(rising.result()).contains("still rising");
  }

  @Test
  void everyOverfittingFindingIsUntestedInAQuickRun() {
    Finding f = OverfitFindings.narrowsGap("x", OVERFIT, new Fit(0.8, 0.7, 0)).needsFullSize(true);
    assertThat(f.verdict()).isEqualTo(Finding.Verdict.TOO_SHORT);
  }
}
