package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramsTest {
  @Test
  void equalBinsOverTheRangeTheTopEdgeInTheLastBin() {
    float[] v = {0f, 0.1f, 0.5f, 0.99f, 1f, 1.5f, -0.2f};
    assertThat(Histograms.count(v, 0, 1, 4, false)).containsExactly(2, 0, 1, 2);
    // ReLU's zeros are not counted on (0, 1)
    assertThat(Histograms.count(v, 0, 1, 4, true)).containsExactly(1, 0, 1, 2);
    assertThat(Histograms.count(v, -1, 1, 2, false)).containsExactly(1, 5);
  }

  @Test
  void niceCeilingsAreOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(Histograms.niceCeiling(0.67)).isEqualTo(1.0);
    assertThat(Histograms.niceCeiling(0.43)).isEqualTo(0.5);
    assertThat(Histograms.niceCeiling(1.5)).isEqualTo(2.0);
    assertThat(Histograms.niceCeiling(2.0)).isEqualTo(2.0);
    assertThat(Histograms.niceCeiling(0.011))
        .isCloseTo(0.02, org.assertj.core.api.Assertions.within(1e-15));
  }

  @Test
  void theSharedBoundIsAboveEveryCount() {
    assertThat(Histograms.sharedMax(List.of(new long[] {3, 9}, new long[] {20, 1})))
        .isGreaterThan(20);
    assertThat(Histograms.sharedMax(List.of(new long[] {0}))).isPositive();
  }
}
