package dev.gakushu.tensor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times sigmoid and tanh over a 100 × 100 batch of hidden activations (W1's shape), the kernels of
 * {@link ElementWise} against the loops they replaced ({@code Math.exp}, {@code Math.tanh}), in
 * alternating rounds so that the load of a shared machine falls on both alike, timed by this
 * thread's CPU time (what the load takes away is not counted). Not a test: run from gakushu-core
 * after {@code mvn test-compile} with {@code java [--add-modules jdk.incubator.vector] -cp
 * target/classes:target/test-classes dev.gakushu.tensor.ActivationSpeed [rounds]}.
 */
final class ActivationSpeed {
  private static final int SIZE = 100 * 100;
  private static final long ROUND_NANOS = 400_000_000L;

  private ActivationSpeed() {}

  /** The loops that sigmoid and tanh were before {@link FixedMath}. */
  private static void before(boolean tanh, float[] in, float[] o) {
    if (tanh) {
      for (int i = 0; i < in.length; i++) {
        o[i] = (float) Math.tanh(in[i]);
      }
    } else {
      for (int i = 0; i < in.length; i++) {
        o[i] = (float) (1.0 / (1.0 + Math.exp(-in[i])));
      }
    }
  }

  private static double nanosPerElement(boolean tanh, boolean now, Matrix x, Matrix out) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long calls = 0;
    long start = cpu.getCurrentThreadCpuTime();
    long elapsed;
    do {
      for (int k = 0; k < 20; k++) {
        if (!now) {
          before(tanh, x.data(), out.data());
        } else if (tanh) {
          ElementWise.tanh(x, out);
        } else {
          ElementWise.sigmoid(x, out);
        }
      }
      calls += 20;
      elapsed = cpu.getCurrentThreadCpuTime() - start;
    } while (elapsed < ROUND_NANOS);
    return (double) elapsed / calls / SIZE;
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    SplittableRandom random = new SplittableRandom(1);
    Matrix x = new Matrix(100, 100);
    for (int i = 0; i < SIZE; i++) {
      x.data()[i] = (float) random.nextDouble(-4, 4);
    }
    Matrix out = new Matrix(100, 100);
    System.out.println(
        "kernels: " + KernelChoice.current().description() + ", Java " + Runtime.version());
    for (int round = 0; round <= rounds; round++) {
      StringBuilder line = new StringBuilder(round == 0 ? "warm-up" : "round " + round);
      for (boolean tanh : new boolean[] {false, true}) {
        double before = nanosPerElement(tanh, false, x, out);
        double now = nanosPerElement(tanh, true, x, out);
        line.append(
            String.format(
                Locale.ROOT,
                "  %s before %.2f ns, now %.2f ns, before/now %.2f",
                tanh ? "tanh" : "sigmoid",
                before,
                now,
                before / now));
      }
      System.out.println(line);
    }
  }
}
