package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which matrix kernel is chosen, and the reason given when it is the slower plain one. */
class GemmKernelsTest {
  @Test
  void theVectorKernelIsChosenWhenTheModuleIsThereAndNotForbidden() {
    assertThat(GemmKernels.fallbackReason("", true)).isNull();
    assertThat(GemmKernels.fallbackReason("vector", true)).isNull();
    // the test JVM is started with the module, as the launcher starts the CLI's
    assertThat(GemmKernels.vectorAvailable(ModuleLayer.boot())).isTrue();
    assertThat(GemmKernels.defaultName())
        .startsWith("vector-")
        .isEqualTo(new Gemm(1).kernelName())
        .isEqualTo(GemmKernels.create(1, "vector").name());
  }

  @Test
  void thePlainKernelIsChosenWithAReasonWhenAskedForOrWithoutTheModule() {
    assertThat(GemmKernels.vectorAvailable(ModuleLayer.empty())).isFalse();
    assertThat(GemmKernels.fallbackReason("plain", true))
        .isEqualTo("the plain-Java kernel was asked for (-Dgakushu.kernel=plain)");
    assertThat(GemmKernels.fallbackReason("Plain", false))
        .isEqualTo(GemmKernels.fallbackReason("plain", true));
    assertThat(GemmKernels.fallbackReason("", false))
        .isEqualTo(
            "the JVM lacks jdk.incubator.vector (start it with --add-modules"
                + " jdk.incubator.vector, as ./gakushu does); using the slower plain-Java kernel");
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
