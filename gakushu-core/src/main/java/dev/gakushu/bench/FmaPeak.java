package dev.gakushu.bench;

import dev.gakushu.tensor.KernelChoice;

/**
 * The measured fused multiply-add peak of one core, in GFLOPS: what the matrix kernel's speed is
 * compared with. With the Vector API kernels ({@link KernelChoice}) it is measured on this JVM's
 * preferred vectors ({@link VectorFmaPeak}); without it, on twelve chains of scalar {@link
 * Math#fma}, the peak of what the plain kernel can use at best without vectorisation.
 */
public final class FmaPeak {
  private static final int STEPS = 100_000;

  /** Independent chains of the scalar loop. */
  static final int SCALAR_CHAINS = 12;

  private FmaPeak() {}

  /**
   * Whether the peak bounds the matrix kernels' speed: with the Vector API kernels; not with the
   * plain ones, whose loops the JIT vectorises, so that they run faster than the scalar peak (JDK
   * 17 at 256 bits: 33–44 GFLOPS against a scalar peak of 11.7).
   */
  public static boolean boundsTheKernels() {
    return KernelChoice.current().vector();
  }

  /** The width the peak is measured at: e.g. "512-bit vectors", or "scalar". */
  public static String width() {
    return boundsTheKernels() ? VectorFmaPeak.bits() + "-bit vectors" : "scalar";
  }

  /** One measurement of at least {@code seconds}: GFLOPS of one thread. */
  public static double gflops(double seconds) {
    boolean vector = boundsTheKernels();
    int lanes = vector ? VectorFmaPeak.lanes() : 1;
    float[] seed = new float[64];
    java.util.Arrays.fill(seed, 0.5f);
    long flops = 0;
    float sink = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now;
    do {
      sink += vector ? VectorFmaPeak.run(STEPS, seed) : scalar(STEPS, seed[0]);
      flops += 2L * (vector ? VectorFmaPeak.CHAINS : SCALAR_CHAINS) * lanes * STEPS;
      now = System.nanoTime();
    } while (now < end);
    if (sink == 42f) {
      seed[0] = sink; // never true in practice; keeps the result alive
    }
    return flops / ((now - start) / 1e9) / 1e9;
  }

  /**
   * Twelve chains of scalar {@code a = fma(x, y, a)} from seed, seed + 1, …, seed + 11: each chain
   * the addend, as in {@link VectorFmaPeak}.
   */
  static float scalar(int steps, float seed) {
    float x = 1.0000001f;
    float y = 0.9999999f;
    float a0 = seed, a1 = seed + 1, a2 = seed + 2, a3 = seed + 3, a4 = seed + 4, a5 = seed + 5;
    float a6 = seed + 6, a7 = seed + 7, a8 = seed + 8, a9 = seed + 9, a10 = seed + 10;
    float a11 = seed + 11;
    for (int i = 0; i < steps; i++) {
      a0 = Math.fma(x, y, a0);
      a1 = Math.fma(x, y, a1);
      a2 = Math.fma(x, y, a2);
      a3 = Math.fma(x, y, a3);
      a4 = Math.fma(x, y, a4);
      a5 = Math.fma(x, y, a5);
      a6 = Math.fma(x, y, a6);
      a7 = Math.fma(x, y, a7);
      a8 = Math.fma(x, y, a8);
      a9 = Math.fma(x, y, a9);
      a10 = Math.fma(x, y, a10);
      a11 = Math.fma(x, y, a11);
    }
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
  }
}
