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
  void anUnknownKernelIsRefused() {
    assertThatThrownBy(() -> GemmKernels.create(1, "fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown kernel fast");
    assertThatThrownBy(() -> GemmKernels.create(1, "vector64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no kernel for 64-bit vectors");
  }
}
