package dev.gakushu.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel for 256-bit vectors (AVX2), and for 128-bit ones (SSE, NEON): a register tile of 6
 * rows × 2 vectors, whose 12 accumulators leave room for the two B vectors and a broadcast in
 * AVX2's 16 registers.
 *
 * <p>Its loops take both strides of A as variables. With the strides of a packed panel as
 * constants, which is faster at 512 bits ({@link Vector512Kernel}), the same 6 × 16 tile ran at
 * half the speed at 256 bits on a Zen 5 core (JDK 25), and so did 8 × 16 and 4 × 16 tiles at 0.55
 * and 0.85 of it: with the bounds checks gone the JIT unrolls the loop and, we take it, keeps more
 * values live than 16 registers hold.
 */
abstract class Vector256Kernel extends VectorGemmKernel {
  private static final int MR = 6;

  private Vector256Kernel(int workers, int lanes, CacheSizes caches) {
    super(workers, MR, lanes, caches);
  }

  /** 256-bit vectors: 8 floats. */
  static Vector256Kernel bits256(int workers, CacheSizes caches) {
    return new Vector256Kernel(workers, 8, caches) {
      @Override
      VectorSpecies<Float> species() {
        return FloatVector.SPECIES_256;
      }
    };
  }

  /** 128-bit vectors: 4 floats, with the same tile. */
  static Vector256Kernel bits128(int workers, CacheSizes caches) {
    return new Vector256Kernel(workers, 4, caches) {
      @Override
      VectorSpecies<Float> species() {
        return FloatVector.SPECIES_128;
      }
    };
  }

  /**
   * By whole vectors (8 floats with 256 bits, 2 × 4 with 128) where they stay inside both arrays:
   * the floats copied past a column land in the next column's place, which is written next, or past
   * the panel. A call of {@code System.arraycopy} per 6 floats cost more.
   */
  @Override
  void packPanelOfTransposedA(float[] a, int first, int aCol, int kc, float[] to, int base) {
    VectorSpecies<Float> s = species();
    int l = s.length();
    int span = (MR + l - 1) / l * l;
    for (int p = 0; p < kc; p++) {
      int at = first + p * aCol;
      int into = base + p * MR;
      if (at + span <= a.length && into + span <= to.length) {
        for (int k = 0; k < span; k += l) {
          FloatVector.fromArray(s, a, at + k).intoArray(to, into + k);
        }
      } else {
        System.arraycopy(a, at, to, into, MR);
      }
    }
  }

  @Override
  void packedTile(
      int vectors,
      float[] pa,
      int ao,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int co,
      int ldc,
      boolean overwrite) {
    tile(vectors, pa, ao, 1, MR, kc, pb, bo, c, co, ldc, overwrite);
  }

  @Override
  void directTile(
      int vectors,
      float[] a,
      int ao,
      int rowStep,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int co,
      int ldc,
      boolean overwrite) {
    tile(vectors, a, ao, rowStep, 1, kc, pb, bo, c, co, ldc, overwrite);
  }

  private void tile(
      int vectors,
      float[] pa,
      int ao,
      int rowStep,
      int pStep,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int co,
      int ldc,
      boolean overwrite) {
    if (vectors == 2) {
      tile6x2(pa, ao, rowStep, pStep, kc, pb, bo, c, co, ldc, overwrite);
    } else {
      tile6x1(pa, ao, rowStep, pStep, kc, pb, bo, c, co, ldc, overwrite);
    }
  }

  private void tile6x2(
      float[] pa,
      int ao,
      int rowStep,
      int pStep,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int o0,
      int ldc,
      boolean overwrite) {
    VectorSpecies<Float> s = species();
    int l = s.length();
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int o4 = o3 + ldc;
    int o5 = o4 + ldc;
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    int r4 = 4 * rowStep;
    int r5 = 5 * rowStep;
    FloatVector c00 = load(s, c, o0, overwrite);
    FloatVector c01 = load(s, c, o0 + 1 * l, overwrite);
    FloatVector c10 = load(s, c, o1, overwrite);
    FloatVector c11 = load(s, c, o1 + 1 * l, overwrite);
    FloatVector c20 = load(s, c, o2, overwrite);
    FloatVector c21 = load(s, c, o2 + 1 * l, overwrite);
    FloatVector c30 = load(s, c, o3, overwrite);
    FloatVector c31 = load(s, c, o3 + 1 * l, overwrite);
    FloatVector c40 = load(s, c, o4, overwrite);
    FloatVector c41 = load(s, c, o4 + 1 * l, overwrite);
    FloatVector c50 = load(s, c, o5, overwrite);
    FloatVector c51 = load(s, c, o5 + 1 * l, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p * pStep;
      FloatVector b0 = FloatVector.fromArray(s, pb, b);
      FloatVector b1 = FloatVector.fromArray(s, pb, b + 1 * l);
      FloatVector a0 = FloatVector.broadcast(s, pa[x]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      FloatVector a1 = FloatVector.broadcast(s, pa[x + r1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      FloatVector a2 = FloatVector.broadcast(s, pa[x + r2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      FloatVector a3 = FloatVector.broadcast(s, pa[x + r3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
      FloatVector a4 = FloatVector.broadcast(s, pa[x + r4]);
      c40 = b0.fma(a4, c40);
      c41 = b1.fma(a4, c41);
      FloatVector a5 = FloatVector.broadcast(s, pa[x + r5]);
      c50 = b0.fma(a5, c50);
      c51 = b1.fma(a5, c51);
    }
    c00.intoArray(c, o0);
    c01.intoArray(c, o0 + 1 * l);
    c10.intoArray(c, o1);
    c11.intoArray(c, o1 + 1 * l);
    c20.intoArray(c, o2);
    c21.intoArray(c, o2 + 1 * l);
    c30.intoArray(c, o3);
    c31.intoArray(c, o3 + 1 * l);
    c40.intoArray(c, o4);
    c41.intoArray(c, o4 + 1 * l);
    c50.intoArray(c, o5);
    c51.intoArray(c, o5 + 1 * l);
  }

  private void tile6x1(
      float[] pa,
      int ao,
      int rowStep,
      int pStep,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int o0,
      int ldc,
      boolean overwrite) {
    VectorSpecies<Float> s = species();
    int l = s.length();
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int o4 = o3 + ldc;
    int o5 = o4 + ldc;
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    int r4 = 4 * rowStep;
    int r5 = 5 * rowStep;
    FloatVector c00 = load(s, c, o0, overwrite);
    FloatVector c10 = load(s, c, o1, overwrite);
    FloatVector c20 = load(s, c, o2, overwrite);
    FloatVector c30 = load(s, c, o3, overwrite);
    FloatVector c40 = load(s, c, o4, overwrite);
    FloatVector c50 = load(s, c, o5, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p * pStep;
      FloatVector b0 = FloatVector.fromArray(s, pb, b);
      FloatVector a0 = FloatVector.broadcast(s, pa[x]);
      c00 = b0.fma(a0, c00);
      FloatVector a1 = FloatVector.broadcast(s, pa[x + r1]);
      c10 = b0.fma(a1, c10);
      FloatVector a2 = FloatVector.broadcast(s, pa[x + r2]);
      c20 = b0.fma(a2, c20);
      FloatVector a3 = FloatVector.broadcast(s, pa[x + r3]);
      c30 = b0.fma(a3, c30);
      FloatVector a4 = FloatVector.broadcast(s, pa[x + r4]);
      c40 = b0.fma(a4, c40);
      FloatVector a5 = FloatVector.broadcast(s, pa[x + r5]);
      c50 = b0.fma(a5, c50);
    }
    c00.intoArray(c, o0);
    c10.intoArray(c, o1);
    c20.intoArray(c, o2);
    c30.intoArray(c, o3);
    c40.intoArray(c, o4);
    c50.intoArray(c, o5);
  }
}
