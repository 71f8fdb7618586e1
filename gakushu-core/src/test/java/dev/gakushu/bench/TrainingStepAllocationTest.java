package dev.gakushu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.tensor.KernelChoice;
import org.junit.jupiter.api.Test;

/**
 * A training step allocates nothing once warmed up, at one thread, on whatever kernels this JVM
 * chose: a kernel whose vector operations the JIT does not compile allocates an object per vector,
 * hundreds of MB a step (JDK 17), and runs many times slower. CI runs this on JDK 17 and JDK 25.
 * Exactly 0: the bytes are counted on this thread only, and nothing in a step allocates once the
 * JIT has compiled it (its escape analysis removes the iterators and small objects of the layers).
 */
class TrainingStepAllocationTest {
  private static void assertNoAllocation(TrainingWorkload workload, int warmupSteps, int steps) {
    double bytes = workload.allocatedBytesPerStep(warmupSteps, steps);
    assertThat(bytes)
        .as(
            "%s, kernels %s, Java %s: bytes allocated per step after %d steps",
            workload,
            KernelChoice.current().description(),
            System.getProperty("java.version"),
            warmupSteps)
        .isZero();
  }

  @Test
  void aStepOfTheDenseNetworkWithAdamAllocatesNothing() {
    assertNoAllocation(TrainingWorkload.W1, 1500, 50);
  }

  @Test
  void aStepWithBatchNormAndDropoutAllocatesNothing() {
    assertNoAllocation(TrainingWorkload.W2, 1500, 50);
  }

  @Test
  void aStepOfTheWideNetworkWithMomentumAllocatesNothing() {
    assertNoAllocation(TrainingWorkload.W3, 150, 10);
  }
}
