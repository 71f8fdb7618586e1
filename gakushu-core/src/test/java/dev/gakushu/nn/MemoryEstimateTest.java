package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryEstimateTest {
  @Test
  void countsParametersFourTimesAndEachWidthSixTimesPerBatchRow() {
    // 2 -> 3 -> 4, batch 5: P = 3·3 + 4·4 = 25, ΣW = 2 + 3 + 4 = 9
    assertThat(MemoryEstimate.bytes(2, List.of(3), 4, 5, false))
        .isEqualTo(4 * (4 * 25 + 6 * 5 * 9));
    // BatchNorm adds γ, β and both running statistics (4·3) and its own output (3)
    assertThat(MemoryEstimate.bytes(2, List.of(3), 4, 5, true))
        .isEqualTo(4 * (4 * 37 + 6 * 5 * 12));
  }

  @Test
  void sizesBeyondAnyIntegerDoNotOverflow() {
    double bytes = MemoryEstimate.bytes(1L << 40, List.of(1L << 40), 10, 1L << 40, false);
    assertThat(bytes).isPositive().isGreaterThan(1e24);
  }

  @Test
  void aNetworkBeyondTheBudgetHasItsEstimate() {
    assertThat(MemoryEstimate.shortfall(3.0 * (1 << 20), 2, 5L << 20))
        .startsWith(
            "the network needs about 6 MiB to train (2 at once) (weights, gradients,"
                + " optimizer state and one batch's activations), more than the 5 MiB");
    assertThat(MemoryEstimate.shortfall(3.0 * (1 << 20), 1, 5L << 20)).isNull();
  }

  /** The budget itself is enough; one copy is not called "at once"; the heap left is positive. */
  @Test
  void anEstimateEqualToTheBudgetFits() {
    assertThat(MemoryEstimate.shortfall(1 << 20, 1, 1 << 20)).isNull();
    assertThat(MemoryEstimate.shortfall(1 << 19, 2, 1 << 20)).isNull();
    assertThat(MemoryEstimate.shortfall((1 << 20) + 1, 1, 1 << 20))
        .startsWith("the network needs about 1 MiB to train (weights");
    Runtime rt = Runtime.getRuntime();
    assertThat(MemoryEstimate.available()).isPositive().isLessThanOrEqualTo(rt.maxMemory());
  }
}
