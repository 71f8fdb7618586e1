package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The matrix kernels by name, and the one a new {@link Gemm} uses. */
class GemmKernelsTest {
  @Test
  void theKernelANewGemmUsesIsTheOneTheKernelChoiceNames() {
    // the test JVM is started with the module, as the launcher starts the CLI's
    assertThat(GemmKernels.vectorAvailable(ModuleLayer.boot())).isTrue();
    assertThat(GemmKernels.vectorAvailable(ModuleLayer.empty())).isFalse();
    String expected = KernelChoice.current().vector() ? "vector" : "plain";
    assertThat(GemmKernels.defaultName())
        .isEqualTo(new Gemm(1).kernelName())
        .isEqualTo(GemmKernels.create(1, expected).name());
  }

  @Test
  void kernelsByNameSayTheirWidthAndTile() {
    assertThat(GemmKernels.create(1, "plain").name()).isEqualTo("plain-java");
    assertThat(GemmKernels.create(2, "vector512").name()).isEqualTo("vector-512bit-8x32");
    assertThat(GemmKernels.create(2, "vector256").name()).isEqualTo("vector-256bit-6x16");
    assertThat(GemmKernels.create(1, "vector128").name()).isEqualTo("vector-128bit-6x8");
  }

  @Test
  void aKernelByChoiceSaysItsTile() {
    GemmBlocking blocks = new GemmBlocking(64, 12, 48);
    GemmTile four = new GemmTile(4, 3);
    assertThat(VectorGemmKernel.create(256, 1, new GemmChoice(four, blocks)).name())
        .isEqualTo("vector-256bit-4x24");
    GemmKernel narrow = VectorGemmKernel.create(128, 2, new GemmChoice(four, blocks));
    assertThat(narrow.name()).isEqualTo("vector-128bit-4x12");
    assertThat(narrow.rowGroup()).isEqualTo(4);
    assertThat(narrow.columnGroup()).isEqualTo(12);
    assertThat(narrow.blockDepth()).isEqualTo(64);
    assertThat(narrow.blockColumns()).isEqualTo(48);
    assertThat(new GemmChoice(four, blocks).describe(256))
        .isEqualTo("vector-256bit-4x24, KC 64, MC 12, NC 48");
    // the fallback: the width's first tile with the cache-size rule's blocks
    CacheSizes caches = new CacheSizes(32 << 10, 512 << 10, 32 << 20);
    assertThat(GemmChoice.fallback(512, caches))
        .isEqualTo(new GemmChoice(new GemmTile(8, 2), GemmBlocking.of(8, 32, caches)));
    assertThat(GemmChoice.fallback(128, caches))
        .isEqualTo(new GemmChoice(new GemmTile(6, 2), GemmBlocking.of(6, 8, caches)));
  }

  @Test
  void aChoiceNoKernelOfTheWidthHasIsRefused() {
    GemmBlocking blocks = new GemmBlocking(64, 24, 96);
    assertThatThrownBy(
            () -> VectorGemmKernel.create(512, 1, new GemmChoice(new GemmTile(4, 3), blocks)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no kernel for GemmChoice[tile=GemmTile[rows=4, vectors=3],"
                + " blocking=GemmBlocking[kc=64, mc=24, nc=96]] at 512-bit vectors");
    // MC not a multiple of MR
    GemmChoice uneven = new GemmChoice(new GemmTile(6, 2), new GemmBlocking(64, 20, 96));
    assertThat(uneven.runsAt(256)).isFalse();
    assertThatThrownBy(() -> VectorGemmKernel.create(256, 1, uneven))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GemmTile.forBits(64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no kernel for 64-bit vectors");
  }

  @Test
  void anUnknownKernelIsRefused() {
    assertThatThrownBy(() -> GemmKernels.create(1, "fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown kernel fast");
    assertThatThrownBy(() -> GemmKernels.create(1, "vector64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no kernel for 64-bit vectors");
  }
}
