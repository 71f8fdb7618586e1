package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The block sizes against the rules of {@link GemmBlocking}'s documentation. */
class GemmBlockingTest {
  private static final long FLOAT = 4;

  @Test
  void aZen5CoresBlocks() {
    // 48 KiB L1d, 1 MiB L2, 32 MiB L3; 512-bit vectors, an 8 × 32 tile
    GemmBlocking b = GemmBlocking.of(8, 32, new CacheSizes(48 << 10, 1 << 20, 32 << 20));
    // 32·KC·4 ≤ 49152: KC ≤ 384; MC·384·4 ≤ 524288: MC ≤ 341 → 336;
    // 384·NC·4 ≤ 8 MiB: NC ≤ 5461, at most 4096
    assertThat(b).isEqualTo(new GemmBlocking(384, 336, 4096));
  }

  @Property(tries = 300)
  void eachBlockIsTheLargestThatFitsItsCacheShare(
      @ForAll @IntRange(min = 4, max = 8) int mr,
      @ForAll @IntRange(min = 1, max = 8) int vectors,
      @ForAll @IntRange(min = 8 << 10, max = 4 << 20) int l1,
      @ForAll @IntRange(min = 64 << 10, max = 256 << 20) int l2,
      @ForAll @IntRange(min = 1 << 20, max = 1 << 30) int l3) {
    int nr = 8 * vectors;
    GemmBlocking b = GemmBlocking.of(mr, nr, new CacheSizes(l1, l2, l3));
    int kc = b.kc();
    assertThat(kc % 8).isZero();
    assertThat(kc).isBetween(64, 1024);
    long panels = nr * FLOAT; // bytes per unit of depth of a micro-panel of B
    if (kc > 64) {
      assertThat(panels * kc).as("KC fits L1").isLessThanOrEqualTo(l1);
    }
    if (kc < 1024) {
      assertThat(panels * (kc + 8)).as("KC is the largest that fits").isGreaterThan(l1);
    }
    int mc = b.mc();
    assertThat(mc % mr).isZero();
    assertThat(mc).isGreaterThanOrEqualTo(mr);
    if (mc > mr) {
      assertThat(FLOAT * mc * kc).as("MC fits half of L2").isLessThanOrEqualTo(l2 / 2);
    }
    assertThat(FLOAT * (mc + mr) * kc).as("MC is the largest that fits").isGreaterThan(l2 / 2);
    int nc = b.nc();
    assertThat(nc % nr).isZero();
    assertThat(nc).isBetween(nr, 4096);
    if (nc > nr) {
      assertThat(FLOAT * nc * kc).as("NC fits a quarter of L3").isLessThanOrEqualTo(l3 / 4);
    }
    assertThat(nc + nr > 4096 || FLOAT * (nc + nr) * kc > l3 / 4)
        .as("NC is the largest that fits")
        .isTrue();
  }

  @Test
  void forADepthMcAndNcFollowTheRule() {
    CacheSizes zen3 = new CacheSizes(32 << 10, 512 << 10, 32 << 20);
    // MC·256·4 ≤ 256 KiB: 256 → 252 (6 rows); 256·NC·4 ≤ 8 MiB: 8192, at most 4096
    assertThat(GemmBlocking.forDepth(256, 6, 16, zen3)).isEqualTo(new GemmBlocking(256, 252, 4096));
    assertThat(GemmBlocking.of(6, 16, zen3))
        .isEqualTo(GemmBlocking.forDepth(512, 6, 16, zen3))
        .isEqualTo(new GemmBlocking(512, 126, 4096));
  }

  @Test
  void theBlocksAKernelCanRunWith() {
    assertThat(new GemmBlocking(1, 6, 16).fits(6, 16)).isTrue();
    assertThat(new GemmBlocking(0, 6, 16).fits(6, 16)).as("KC 0").isFalse();
    assertThat(new GemmBlocking(8, 4, 16).fits(6, 16)).as("MC below MR").isFalse();
    assertThat(new GemmBlocking(8, 8, 16).fits(6, 16)).as("MC not a multiple").isFalse();
    assertThat(new GemmBlocking(8, 6, 8).fits(6, 16)).as("NC below NR").isFalse();
    assertThat(new GemmBlocking(8, 6, 24).fits(6, 16)).as("NC not a multiple").isFalse();
    // 2²⁴ floats per packed block at most
    assertThat(new GemmBlocking(1 << 12, 1 << 12, 16).fits(1, 16)).isTrue();
    assertThat(new GemmBlocking(1 << 12, (1 << 12) + 1, 16).fits(1, 16)).isFalse();
    assertThat(new GemmBlocking(1 << 10, 1, 1 << 14).fits(1, 16)).isTrue();
    assertThat(new GemmBlocking(1 << 10, 1, (1 << 14) + 16).fits(1, 16)).isFalse();
  }
}
