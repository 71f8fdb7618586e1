package dev.gakushu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A GEMM point's line: compared with the peak of its threads' cores, or with none. */
class GemmPointTest {
  private final GemmWorkload.Point point =
      new GemmWorkload.Point("256x784x1024", GemmWorkload.Form.TN, 2, 150.0, "vector-512bit-8x32");

  @Test
  void theShareIsOfThePeakOfAsManyCoresAsThreads() {
    assertThat(point.sentence(100.0))
        .isEqualTo(
            "gemm 256x784x1024 TN with 2 threads: 150.0 GFLOPS, 75 % of the FMA peak of 2 cores,"
                + " kernel vector-512bit-8x32");
  }

  @Test
  void withoutAPeakThereIsNoShare() {
    assertThat(point.sentence(Double.NaN))
        .isEqualTo("gemm 256x784x1024 TN with 2 threads: 150.0 GFLOPS, kernel vector-512bit-8x32");
  }
}
