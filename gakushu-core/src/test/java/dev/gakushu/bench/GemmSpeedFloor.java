package dev.gakushu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gakushu.tensor.KernelChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A floor under the matrix product's speed, relative to the FMA peak measured in the same JVM: not
 * part of the build's tests (its name matches none of Surefire's patterns, and a timing has no
 * place among tests that must pass on any machine under any load), run by {@code mvn -B
 * -Pspeed-floor verify -pl gakushu-core} on an otherwise idle machine. It catches what makes the
 * product several times slower — a kernel path left interpreted or allocating, the plain kernel
 * where the vector one should run, a lost register tile — not a few per cent.
 *
 * <p>One thread, the kernels' own warm-up and the cache-size rule's blocks (the tuner is off in
 * test JVMs). Measured on the machines of docs/speed.md, the large shapes ran at 48–90 % of the
 * peak and 100×784×100 at 37–78 %.
 */
class GemmSpeedFloor {
  /** The least share of the peak at 256×784×1024 and 1024³, in every form. */
  static final double LARGE = 0.40;

  /** The least share of the peak at 100×784×100, in every form. */
  static final double SMALL = 0.25;

  @Test
  void everyShapeAndFormRunsAboveItsFloor() {
    assumeTrue(
        KernelChoice.current().vector(),
        () -> "the floor is for the vector kernels: " + KernelChoice.current().description());
    double peak = GemmWorkload.fmaPeak(1.0, 3);
    List<GemmWorkload.Point> points = GemmWorkload.measure(1, 3.0, 3);
    assertThat(points).hasSize(9);
    for (GemmWorkload.Point p : points) {
      double floor = p.shape().startsWith("100x") ? SMALL : LARGE;
      assertThat(p.gflops() / peak).as(p.sentence(peak)).isGreaterThanOrEqualTo(floor);
    }
  }
}
