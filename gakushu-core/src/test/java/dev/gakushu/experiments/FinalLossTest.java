package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.report.Finding;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A final loss never averages more than the run, and a run shorter than its window is untested. */
class FinalLossTest {
  private static final Finding HOLDING = Finding.of("x", "claim", "result", 1.0, true);

  @Test
  void aRunShorterThanTheWindowIsTooShortToTest() {
    assertThat(FinalLoss.tested(HOLDING, FinalLoss.WINDOW - 1).verdict())
        .isEqualTo(Finding.Verdict.TOO_SHORT);
    assertThat(FinalLoss.tested(HOLDING, FinalLoss.WINDOW).verdict())
        .isEqualTo(Finding.Verdict.HOLDS);
  }

  @Test
  void theFinalLossIsTheMeanOfTheLastWindow() {
    double[] loss = new double[150];
    Arrays.fill(loss, 0, 50, 9.0);
    Arrays.fill(loss, 50, 150, 1.0);
    assertThat(FinalLoss.of(loss)).isEqualTo(1.0);
    assertThat(FinalLoss.of(new double[] {3.0, 1.0})).isEqualTo(2.0);
  }
}
