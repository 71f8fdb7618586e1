package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Which kernels are chosen, and the reason given. */
class KernelChoiceTest {
  private static final String VECTOR = "vector " + VectorGemmKernel.preferredBits() + "-bit";

  @Test
  void thePropertyForcesEitherKernelAndAnythingElseIsBadInput() {
    assertThat(KernelChoice.choose("plain", true, 0))
        .isEqualTo(new KernelChoice(false, "plain (asked for: -Dgakushu.kernel=plain)"));
    assertThat(KernelChoice.choose("vector", true, 500))
        .isEqualTo(new KernelChoice(true, VECTOR + " (asked for: -Dgakushu.kernel=vector)"));
    assertThat(KernelChoice.requested(null)).isEmpty();
    assertThat(KernelChoice.requested("")).isEmpty();
    assertThat(KernelChoice.requested("Plain")).isEqualTo("plain");
    assertThat(KernelChoice.requested("VECTOR")).isEqualTo("vector");
    assertThatThrownBy(() -> KernelChoice.requested("fast"))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "the system property gakushu.kernel is \"fast\"; expected plain or vector, or leave it"
                + " unset (chosen by a probe)");
  }

  @Test
  void withoutTheModuleThePlainKernelsAreUsedWhateverIsAsked() {
    String reason =
        "plain (the JVM lacks jdk.incubator.vector: start it with --add-modules"
            + " jdk.incubator.vector, as ./gakushu does)";
    assertThat(KernelChoice.choose("", false, Double.NaN))
        .isEqualTo(KernelChoice.choose("vector", false, Double.NaN))
        .isEqualTo(new KernelChoice(false, reason));
  }

  @Test
  void theProbeDecides() {
    assertThat(KernelChoice.choose("", true, 0))
        .isEqualTo(new KernelChoice(true, VECTOR + " (compiled: the probe allocated nothing)"));
    assertThat(KernelChoice.choose("", true, 48.4))
        .isEqualTo(
            new KernelChoice(
                false,
                "plain (the Vector API is present but its kernels allocate 48 B per call on this"
                    + " JVM, Java "
                    + System.getProperty("java.version")
                    + ", so they run far slower than the plain loops)"));
    assertThat(KernelChoice.choose("", true, Double.NaN))
        .isEqualTo(
            new KernelChoice(true, VECTOR + " (not probed: the JVM does not count allocations)"));
  }

  @Test
  void theProbeRunsRoundsUntilOneAllocatesNothing() {
    int[] calls = {0};
    // 900 bytes in each of the first three rounds, then nothing: four rounds, 0 bytes
    double compiled =
        new VectorProbe()
            .bytesPerCall(
                () -> 900L * Math.min((calls[0]++ + 1) / 2, 3),
                () -> calls[0],
                Long.MAX_VALUE,
                Long.MAX_VALUE);
    assertThat(compiled).isZero();
    assertThat(calls[0]).isEqualTo(8);
    assertThat(VectorProbe.CALLS_PER_ROUND).isEqualTo(9);
  }

  @Test
  void theProbeEndsWhenItsRoundsAllocateWhileTheJitIsIdleOrAtItsBudget() {
    int[] calls = {0};
    // 900 bytes every round, 900 / 9 kernel calls
    LongSupplier allocating = () -> 900L * ((calls[0]++ + 1) / 2);
    // the JIT compiles nothing: one round
    assertThat(new VectorProbe().bytesPerCall(allocating, () -> 7, 0, Long.MAX_VALUE))
        .isEqualTo(100);
    assertThat(calls[0]).isEqualTo(2);
    // the JIT compiles all the time, but no budget: one round
    calls[0] = 0;
    assertThat(new VectorProbe().bytesPerCall(allocating, () -> calls[0], Long.MAX_VALUE, 0))
        .isEqualTo(100);
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void theAllocationsOfTheThreadAreCounted() {
    long before = ThreadAllocation.bytes();
    byte[] block = new byte[1 << 20];
    assertThat(ThreadAllocation.bytes() - before).isGreaterThanOrEqualTo(block.length);
  }
}
