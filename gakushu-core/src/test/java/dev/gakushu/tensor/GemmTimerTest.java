package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tuner's real measurements: what they run and how a score adds up, not how fast (small shapes,
 * which run quickly even where the JIT does not compile the vector kernels, as on JDK 17).
 */
class GemmTimerTest {
  @Test
  void theWarmUpLastsItsTimeAndAScoreIsSecondsPerFlop() {
    int bits = VectorGemmKernel.preferredBits();
    List<GemmChoice> tiles = GemmTuner.tiles(bits, CacheSizes.DETECTED);
    GemmTimer timer = new GemmTimer(bits, new int[] {12, 40, 20}, new int[] {7, 30, 50});
    long start = System.nanoTime();
    timer.warmUp(tiles, 20_000_000);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000);
    start = System.nanoTime();
    double score = timer.score(tiles.get(tiles.size() - 1));
    double seconds = (System.nanoTime() - start) / 1e9;
    // Σ seconds / flops over the six products, of 2·12·40·20 = 19,200 and 2·7·30·50 = 21,000
    // flops: at most the whole call's seconds over the smaller product's flops
    assertThat(score).isPositive().isLessThanOrEqualTo(seconds / 19_200);
  }
}
