package dev.gakushu.tensor;

import static dev.gakushu.tensor.VectorGemmKernel.load;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 512-bit kernel's tall register tile: 12 rows × 2 vectors, 12 × 32 floats, in 24 of the 32
 * vector registers, with the two B vectors and a broadcast beside them; and its edge, 12 rows × 1
 * vector. Per step of p it loads 2 vectors of B and broadcasts 12 elements of A for 24 FMAs (14
 * loads per 24 FMAs, against 10 per 16 for 8 × 2), and its 24 independent chains are three times
 * the FMA units' latency × throughput (4 cycles × 2 a cycle).
 *
 * <p>On a Sapphire Rapids core (JDK 25) the 8 × 2 tile's loop, with everything in L1, ran at 67 %
 * of the FMA peak, and each half of its loads alone (B's vectors or A's broadcasts) at 90 %; this
 * tile's loop ran at 85 %. On a Zen 5 core an earlier 12 × 2 tile measured no faster than 8 × 2,
 * which is why {@link GemmTuner} chooses between them by measurement. Each lane computes the same
 * chain of FMAs over p in order as every other tile ({@link VectorGemmKernel}).
 *
 * <p>The strides of a packed panel are constants, as in {@link Vector512Kernel}; the direct tile
 * reads A's rows {@code rowStep} apart.
 */
final class Vector512Tall {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;

  /** Rows of the tile. */
  static final int MR = 12;

  private Vector512Tall() {}

  /** C's 12 rows from {@code o0}, {@code ldc} apart, 2 vectors wide, over a packed panel of A. */
  static void packed12x2(
      float[] pa,
      int ao,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int o0,
      int ldc,
      boolean overwrite) {
    int l = S.length();
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int o4 = o3 + ldc;
    int o5 = o4 + ldc;
    int o6 = o5 + ldc;
    int o7 = o6 + ldc;
    int o8 = o7 + ldc;
    int o9 = o8 + ldc;
    int o10 = o9 + ldc;
    int o11 = o10 + ldc;
    FloatVector c0_0 = load(S, c, o0, overwrite);
    FloatVector c0_1 = load(S, c, o0 + 1 * l, overwrite);
    FloatVector c1_0 = load(S, c, o1, overwrite);
    FloatVector c1_1 = load(S, c, o1 + 1 * l, overwrite);
    FloatVector c2_0 = load(S, c, o2, overwrite);
    FloatVector c2_1 = load(S, c, o2 + 1 * l, overwrite);
    FloatVector c3_0 = load(S, c, o3, overwrite);
    FloatVector c3_1 = load(S, c, o3 + 1 * l, overwrite);
    FloatVector c4_0 = load(S, c, o4, overwrite);
    FloatVector c4_1 = load(S, c, o4 + 1 * l, overwrite);
    FloatVector c5_0 = load(S, c, o5, overwrite);
    FloatVector c5_1 = load(S, c, o5 + 1 * l, overwrite);
    FloatVector c6_0 = load(S, c, o6, overwrite);
    FloatVector c6_1 = load(S, c, o6 + 1 * l, overwrite);
    FloatVector c7_0 = load(S, c, o7, overwrite);
    FloatVector c7_1 = load(S, c, o7 + 1 * l, overwrite);
    FloatVector c8_0 = load(S, c, o8, overwrite);
    FloatVector c8_1 = load(S, c, o8 + 1 * l, overwrite);
    FloatVector c9_0 = load(S, c, o9, overwrite);
    FloatVector c9_1 = load(S, c, o9 + 1 * l, overwrite);
    FloatVector c10_0 = load(S, c, o10, overwrite);
    FloatVector c10_1 = load(S, c, o10 + 1 * l, overwrite);
    FloatVector c11_0 = load(S, c, o11, overwrite);
    FloatVector c11_1 = load(S, c, o11 + 1 * l, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p * 12;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector b1 = FloatVector.fromArray(S, pb, b + 1 * l);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c0_0 = b0.fma(a0, c0_0);
      c0_1 = b1.fma(a0, c0_1);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + 1]);
      c1_0 = b0.fma(a1, c1_0);
      c1_1 = b1.fma(a1, c1_1);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + 2]);
      c2_0 = b0.fma(a2, c2_0);
      c2_1 = b1.fma(a2, c2_1);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + 3]);
      c3_0 = b0.fma(a3, c3_0);
      c3_1 = b1.fma(a3, c3_1);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + 4]);
      c4_0 = b0.fma(a4, c4_0);
      c4_1 = b1.fma(a4, c4_1);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + 5]);
      c5_0 = b0.fma(a5, c5_0);
      c5_1 = b1.fma(a5, c5_1);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + 6]);
      c6_0 = b0.fma(a6, c6_0);
      c6_1 = b1.fma(a6, c6_1);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + 7]);
      c7_0 = b0.fma(a7, c7_0);
      c7_1 = b1.fma(a7, c7_1);
      FloatVector a8 = FloatVector.broadcast(S, pa[x + 8]);
      c8_0 = b0.fma(a8, c8_0);
      c8_1 = b1.fma(a8, c8_1);
      FloatVector a9 = FloatVector.broadcast(S, pa[x + 9]);
      c9_0 = b0.fma(a9, c9_0);
      c9_1 = b1.fma(a9, c9_1);
      FloatVector a10 = FloatVector.broadcast(S, pa[x + 10]);
      c10_0 = b0.fma(a10, c10_0);
      c10_1 = b1.fma(a10, c10_1);
      FloatVector a11 = FloatVector.broadcast(S, pa[x + 11]);
      c11_0 = b0.fma(a11, c11_0);
      c11_1 = b1.fma(a11, c11_1);
    }
    c0_0.intoArray(c, o0);
    c0_1.intoArray(c, o0 + 1 * l);
    c1_0.intoArray(c, o1);
    c1_1.intoArray(c, o1 + 1 * l);
    c2_0.intoArray(c, o2);
    c2_1.intoArray(c, o2 + 1 * l);
    c3_0.intoArray(c, o3);
    c3_1.intoArray(c, o3 + 1 * l);
    c4_0.intoArray(c, o4);
    c4_1.intoArray(c, o4 + 1 * l);
    c5_0.intoArray(c, o5);
    c5_1.intoArray(c, o5 + 1 * l);
    c6_0.intoArray(c, o6);
    c6_1.intoArray(c, o6 + 1 * l);
    c7_0.intoArray(c, o7);
    c7_1.intoArray(c, o7 + 1 * l);
    c8_0.intoArray(c, o8);
    c8_1.intoArray(c, o8 + 1 * l);
    c9_0.intoArray(c, o9);
    c9_1.intoArray(c, o9 + 1 * l);
    c10_0.intoArray(c, o10);
    c10_1.intoArray(c, o10 + 1 * l);
    c11_0.intoArray(c, o11);
    c11_1.intoArray(c, o11 + 1 * l);
  }

  /** As {@link #packed12x2}, 1 vector wide. */
  static void packed12x1(
      float[] pa,
      int ao,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int o0,
      int ldc,
      boolean overwrite) {
    int l = S.length();
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int o4 = o3 + ldc;
    int o5 = o4 + ldc;
    int o6 = o5 + ldc;
    int o7 = o6 + ldc;
    int o8 = o7 + ldc;
    int o9 = o8 + ldc;
    int o10 = o9 + ldc;
    int o11 = o10 + ldc;
    FloatVector c0_0 = load(S, c, o0, overwrite);
    FloatVector c1_0 = load(S, c, o1, overwrite);
    FloatVector c2_0 = load(S, c, o2, overwrite);
    FloatVector c3_0 = load(S, c, o3, overwrite);
    FloatVector c4_0 = load(S, c, o4, overwrite);
    FloatVector c5_0 = load(S, c, o5, overwrite);
    FloatVector c6_0 = load(S, c, o6, overwrite);
    FloatVector c7_0 = load(S, c, o7, overwrite);
    FloatVector c8_0 = load(S, c, o8, overwrite);
    FloatVector c9_0 = load(S, c, o9, overwrite);
    FloatVector c10_0 = load(S, c, o10, overwrite);
    FloatVector c11_0 = load(S, c, o11, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p * 12;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c0_0 = b0.fma(a0, c0_0);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + 1]);
      c1_0 = b0.fma(a1, c1_0);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + 2]);
      c2_0 = b0.fma(a2, c2_0);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + 3]);
      c3_0 = b0.fma(a3, c3_0);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + 4]);
      c4_0 = b0.fma(a4, c4_0);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + 5]);
      c5_0 = b0.fma(a5, c5_0);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + 6]);
      c6_0 = b0.fma(a6, c6_0);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + 7]);
      c7_0 = b0.fma(a7, c7_0);
      FloatVector a8 = FloatVector.broadcast(S, pa[x + 8]);
      c8_0 = b0.fma(a8, c8_0);
      FloatVector a9 = FloatVector.broadcast(S, pa[x + 9]);
      c9_0 = b0.fma(a9, c9_0);
      FloatVector a10 = FloatVector.broadcast(S, pa[x + 10]);
      c10_0 = b0.fma(a10, c10_0);
      FloatVector a11 = FloatVector.broadcast(S, pa[x + 11]);
      c11_0 = b0.fma(a11, c11_0);
    }
    c0_0.intoArray(c, o0);
    c1_0.intoArray(c, o1);
    c2_0.intoArray(c, o2);
    c3_0.intoArray(c, o3);
    c4_0.intoArray(c, o4);
    c5_0.intoArray(c, o5);
    c6_0.intoArray(c, o6);
    c7_0.intoArray(c, o7);
    c8_0.intoArray(c, o8);
    c9_0.intoArray(c, o9);
    c10_0.intoArray(c, o10);
    c11_0.intoArray(c, o11);
  }

  /** As {@link #packed12x2}, reading A's rows where they are, {@code rowStep} apart. */
  static void direct12x2(
      float[] pa,
      int ao,
      int rowStep,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int o0,
      int ldc,
      boolean overwrite) {
    int l = S.length();
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int o4 = o3 + ldc;
    int o5 = o4 + ldc;
    int o6 = o5 + ldc;
    int o7 = o6 + ldc;
    int o8 = o7 + ldc;
    int o9 = o8 + ldc;
    int o10 = o9 + ldc;
    int o11 = o10 + ldc;
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    int r4 = 4 * rowStep;
    int r5 = 5 * rowStep;
    int r6 = 6 * rowStep;
    int r7 = 7 * rowStep;
    int r8 = 8 * rowStep;
    int r9 = 9 * rowStep;
    int r10 = 10 * rowStep;
    int r11 = 11 * rowStep;
    FloatVector c0_0 = load(S, c, o0, overwrite);
    FloatVector c0_1 = load(S, c, o0 + 1 * l, overwrite);
    FloatVector c1_0 = load(S, c, o1, overwrite);
    FloatVector c1_1 = load(S, c, o1 + 1 * l, overwrite);
    FloatVector c2_0 = load(S, c, o2, overwrite);
    FloatVector c2_1 = load(S, c, o2 + 1 * l, overwrite);
    FloatVector c3_0 = load(S, c, o3, overwrite);
    FloatVector c3_1 = load(S, c, o3 + 1 * l, overwrite);
    FloatVector c4_0 = load(S, c, o4, overwrite);
    FloatVector c4_1 = load(S, c, o4 + 1 * l, overwrite);
    FloatVector c5_0 = load(S, c, o5, overwrite);
    FloatVector c5_1 = load(S, c, o5 + 1 * l, overwrite);
    FloatVector c6_0 = load(S, c, o6, overwrite);
    FloatVector c6_1 = load(S, c, o6 + 1 * l, overwrite);
    FloatVector c7_0 = load(S, c, o7, overwrite);
    FloatVector c7_1 = load(S, c, o7 + 1 * l, overwrite);
    FloatVector c8_0 = load(S, c, o8, overwrite);
    FloatVector c8_1 = load(S, c, o8 + 1 * l, overwrite);
    FloatVector c9_0 = load(S, c, o9, overwrite);
    FloatVector c9_1 = load(S, c, o9 + 1 * l, overwrite);
    FloatVector c10_0 = load(S, c, o10, overwrite);
    FloatVector c10_1 = load(S, c, o10 + 1 * l, overwrite);
    FloatVector c11_0 = load(S, c, o11, overwrite);
    FloatVector c11_1 = load(S, c, o11 + 1 * l, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector b1 = FloatVector.fromArray(S, pb, b + 1 * l);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c0_0 = b0.fma(a0, c0_0);
      c0_1 = b1.fma(a0, c0_1);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + r1]);
      c1_0 = b0.fma(a1, c1_0);
      c1_1 = b1.fma(a1, c1_1);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + r2]);
      c2_0 = b0.fma(a2, c2_0);
      c2_1 = b1.fma(a2, c2_1);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + r3]);
      c3_0 = b0.fma(a3, c3_0);
      c3_1 = b1.fma(a3, c3_1);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + r4]);
      c4_0 = b0.fma(a4, c4_0);
      c4_1 = b1.fma(a4, c4_1);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + r5]);
      c5_0 = b0.fma(a5, c5_0);
      c5_1 = b1.fma(a5, c5_1);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + r6]);
      c6_0 = b0.fma(a6, c6_0);
      c6_1 = b1.fma(a6, c6_1);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + r7]);
      c7_0 = b0.fma(a7, c7_0);
      c7_1 = b1.fma(a7, c7_1);
      FloatVector a8 = FloatVector.broadcast(S, pa[x + r8]);
      c8_0 = b0.fma(a8, c8_0);
      c8_1 = b1.fma(a8, c8_1);
      FloatVector a9 = FloatVector.broadcast(S, pa[x + r9]);
      c9_0 = b0.fma(a9, c9_0);
      c9_1 = b1.fma(a9, c9_1);
      FloatVector a10 = FloatVector.broadcast(S, pa[x + r10]);
      c10_0 = b0.fma(a10, c10_0);
      c10_1 = b1.fma(a10, c10_1);
      FloatVector a11 = FloatVector.broadcast(S, pa[x + r11]);
      c11_0 = b0.fma(a11, c11_0);
      c11_1 = b1.fma(a11, c11_1);
    }
    c0_0.intoArray(c, o0);
    c0_1.intoArray(c, o0 + 1 * l);
    c1_0.intoArray(c, o1);
    c1_1.intoArray(c, o1 + 1 * l);
    c2_0.intoArray(c, o2);
    c2_1.intoArray(c, o2 + 1 * l);
    c3_0.intoArray(c, o3);
    c3_1.intoArray(c, o3 + 1 * l);
    c4_0.intoArray(c, o4);
    c4_1.intoArray(c, o4 + 1 * l);
    c5_0.intoArray(c, o5);
    c5_1.intoArray(c, o5 + 1 * l);
    c6_0.intoArray(c, o6);
    c6_1.intoArray(c, o6 + 1 * l);
    c7_0.intoArray(c, o7);
    c7_1.intoArray(c, o7 + 1 * l);
    c8_0.intoArray(c, o8);
    c8_1.intoArray(c, o8 + 1 * l);
    c9_0.intoArray(c, o9);
    c9_1.intoArray(c, o9 + 1 * l);
    c10_0.intoArray(c, o10);
    c10_1.intoArray(c, o10 + 1 * l);
    c11_0.intoArray(c, o11);
    c11_1.intoArray(c, o11 + 1 * l);
  }

  /** As {@link #direct12x2}, 1 vector wide. */
  static void direct12x1(
      float[] pa,
      int ao,
      int rowStep,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int o0,
      int ldc,
      boolean overwrite) {
    int l = S.length();
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int o4 = o3 + ldc;
    int o5 = o4 + ldc;
    int o6 = o5 + ldc;
    int o7 = o6 + ldc;
    int o8 = o7 + ldc;
    int o9 = o8 + ldc;
    int o10 = o9 + ldc;
    int o11 = o10 + ldc;
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    int r4 = 4 * rowStep;
    int r5 = 5 * rowStep;
    int r6 = 6 * rowStep;
    int r7 = 7 * rowStep;
    int r8 = 8 * rowStep;
    int r9 = 9 * rowStep;
    int r10 = 10 * rowStep;
    int r11 = 11 * rowStep;
    FloatVector c0_0 = load(S, c, o0, overwrite);
    FloatVector c1_0 = load(S, c, o1, overwrite);
    FloatVector c2_0 = load(S, c, o2, overwrite);
    FloatVector c3_0 = load(S, c, o3, overwrite);
    FloatVector c4_0 = load(S, c, o4, overwrite);
    FloatVector c5_0 = load(S, c, o5, overwrite);
    FloatVector c6_0 = load(S, c, o6, overwrite);
    FloatVector c7_0 = load(S, c, o7, overwrite);
    FloatVector c8_0 = load(S, c, o8, overwrite);
    FloatVector c9_0 = load(S, c, o9, overwrite);
    FloatVector c10_0 = load(S, c, o10, overwrite);
    FloatVector c11_0 = load(S, c, o11, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c0_0 = b0.fma(a0, c0_0);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + r1]);
      c1_0 = b0.fma(a1, c1_0);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + r2]);
      c2_0 = b0.fma(a2, c2_0);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + r3]);
      c3_0 = b0.fma(a3, c3_0);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + r4]);
      c4_0 = b0.fma(a4, c4_0);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + r5]);
      c5_0 = b0.fma(a5, c5_0);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + r6]);
      c6_0 = b0.fma(a6, c6_0);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + r7]);
      c7_0 = b0.fma(a7, c7_0);
      FloatVector a8 = FloatVector.broadcast(S, pa[x + r8]);
      c8_0 = b0.fma(a8, c8_0);
      FloatVector a9 = FloatVector.broadcast(S, pa[x + r9]);
      c9_0 = b0.fma(a9, c9_0);
      FloatVector a10 = FloatVector.broadcast(S, pa[x + r10]);
      c10_0 = b0.fma(a10, c10_0);
      FloatVector a11 = FloatVector.broadcast(S, pa[x + r11]);
      c11_0 = b0.fma(a11, c11_0);
    }
    c0_0.intoArray(c, o0);
    c1_0.intoArray(c, o1);
    c2_0.intoArray(c, o2);
    c3_0.intoArray(c, o3);
    c4_0.intoArray(c, o4);
    c5_0.intoArray(c, o5);
    c6_0.intoArray(c, o6);
    c7_0.intoArray(c, o7);
    c8_0.intoArray(c, o8);
    c9_0.intoArray(c, o9);
    c10_0.intoArray(c, o10);
    c11_0.intoArray(c, o11);
  }
}
