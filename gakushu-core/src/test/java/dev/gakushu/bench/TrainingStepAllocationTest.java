package dev.gakushu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.tensor.KernelChoice;
import org.junit.jupiter.api.Test;

/**
 * A training step allocates nothing once warmed up, at one thread, on whatever kernels this JVM
 * chose: a kernel whose vector operations the JIT does not compile allocates an object per vector,
 * hundreds of MB a step (JDK 17), and runs many times slower. CI runs this on JDK 17 and JDK 25.
 * Exactly 0: the bytes are counted on this thread only, and nothing in a step allocates once the
 * JIT has compiled it (its escape analysis removes the iterators and small objects of the layers);
 * the steps run in rounds until one allocates nothing, so that a JIT short of CPU has the time it
 * needs (W1 on JDK 17's vector kernels: 176 MB a step in every round).
 */
class TrainingStepAllocationTest {
  private static void assertNoAllocation(TrainingWorkload workload, int steps, int maxRounds) {
    double bytes = workload.steadyBytesPerStep(steps, maxRounds);
    assertThat(bytes)
        .as(
            "%s, kernels %s, Java %s: bytes allocated per step in the last of %d rounds of %d steps",
            workload,
            KernelChoice.current().description(),
            System.getProperty("java.version"),
            maxRounds,
            steps)
        .isZero();
  }

  @Test
  void aStepOfTheDenseNetworkWithAdamAllocatesNothing() {
    assertNoAllocation(TrainingWorkload.W1, 50, 100);
  }

  @Test
  void aStepWithBatchNormAndDropoutAllocatesNothing() {
    assertNoAllocation(TrainingWorkload.W2, 50, 100);
  }

  @Test
  void aStepOfTheWideNetworkWithMomentumAllocatesNothing() {
    assertNoAllocation(TrainingWorkload.W3, 5, 60);
  }
}
