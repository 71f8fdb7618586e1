package dev.gakushu.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 512-bit kernel (AVX-512), with one of two register tiles: 8 rows × 2 vectors, 8 × 32 floats,
 * in 16 of the 32 vector registers, with room for the two B vectors and the broadcasts (the tile
 * used without a tuning); or 12 rows × 2 vectors ({@link Vector512Tall}).
 *
 * <p>On a Zen 5 core (JDK 25) 8 rows measured 1.0–1.1× the speed of 6 at the large shapes and 1.1×
 * at 100×784×100, and the tile over a packed panel of A needs its strides as constants (the JIT
 * removes the bounds checks of {@code a[x + r]} only when r is a constant): with the strides as
 * variables the same loop ran at 0.8× the speed.
 */
final class Vector512Kernel extends VectorGemmKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
  private static final int MR = 8;
  private static final VectorSpecies<Float> COLUMN = FloatVector.SPECIES_256;
  private static final VectorSpecies<Float> QUARTER = FloatVector.SPECIES_128;

  private final boolean tall;

  /**
   * @param tile one of {@link GemmTile#forBits}(512): 8 × 2 or 12 × 2 vectors
   */
  Vector512Kernel(int workers, GemmTile tile, GemmBlocking blocking) {
    super(workers, tile.rows(), S.length(), 2, blocking);
    this.tall = tile.rows() == Vector512Tall.MR;
  }

  @Override
  VectorSpecies<Float> species() {
    return S;
  }

  /**
   * One 256-bit load and store per column (and one of 128 bits more for the tall tile's 12 rows): a
   * call of {@code System.arraycopy} cost more.
   */
  @Override
  void packPanelOfTransposedA(float[] a, int first, int aCol, int kc, float[] to, int base) {
    if (tall) {
      int mr = Vector512Tall.MR;
      for (int p = 0; p < kc; p++) {
        int at = first + p * aCol;
        int into = base + p * mr;
        FloatVector.fromArray(COLUMN, a, at).intoArray(to, into);
        FloatVector.fromArray(QUARTER, a, at + MR).intoArray(to, into + MR);
      }
      return;
    }
    for (int p = 0; p < kc; p++) {
      FloatVector.fromArray(COLUMN, a, first + p * aCol).intoArray(to, base + p * MR);
    }
  }

  /**
   * Scatters instead: each vector of 16 floats along a row of B goes to 16 rows of the panel, NR
   * apart, so that B is read along its rows. Gathering across B's rows instead, as the other widths
   * do (AVX2 has no scatter), reads a whole cache line for each float, and at 1024³ the lines of 32
   * rows 4 KiB apart evict each other: 0.81 of the speed of A·B there, 0.85 with the scatter.
   */
  @Override
  void packTransposedPanel(
      int[] indexMap,
      float[] b,
      int bRow,
      int bCol,
      int pc,
      int kc,
      int column,
      float[] packed,
      int to) {
    int l = S.length();
    int nr = 2 * l;
    for (int i = 0; i < l; i++) {
      indexMap[i] = i * nr;
    }
    int whole = kc / l * l;
    for (int j = 0; j < nr; j++) {
      int from = (column + j) * bCol + pc * bRow;
      for (int p = 0; p < whole; p += l) {
        FloatVector.fromArray(S, b, from + p).intoArray(packed, to + p * nr + j, indexMap, 0);
      }
      for (int p = whole; p < kc; p++) {
        packed[to + p * nr + j] = b[from + p];
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
    if (tall) {
      if (vectors == 2) {
        Vector512Tall.packed12x2(pa, ao, kc, pb, bo, c, co, ldc, overwrite);
      } else {
        Vector512Tall.packed12x1(pa, ao, kc, pb, bo, c, co, ldc, overwrite);
      }
    } else if (vectors == 2) {
      packed8x2(pa, ao, kc, pb, bo, c, co, ldc, overwrite);
    } else {
      packed8x1(pa, ao, kc, pb, bo, c, co, ldc, overwrite);
    }
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
    if (tall) {
      if (vectors == 2) {
        Vector512Tall.direct12x2(a, ao, rowStep, kc, pb, bo, c, co, ldc, overwrite);
      } else {
        Vector512Tall.direct12x1(a, ao, rowStep, kc, pb, bo, c, co, ldc, overwrite);
      }
    } else if (vectors == 2) {
      direct8x2(a, ao, rowStep, kc, pb, bo, c, co, ldc, overwrite);
    } else {
      direct8x1(a, ao, rowStep, kc, pb, bo, c, co, ldc, overwrite);
    }
  }

  private static void packed8x2(
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
    FloatVector c00 = load(S, c, o0, overwrite);
    FloatVector c01 = load(S, c, o0 + 1 * l, overwrite);
    FloatVector c10 = load(S, c, o1, overwrite);
    FloatVector c11 = load(S, c, o1 + 1 * l, overwrite);
    FloatVector c20 = load(S, c, o2, overwrite);
    FloatVector c21 = load(S, c, o2 + 1 * l, overwrite);
    FloatVector c30 = load(S, c, o3, overwrite);
    FloatVector c31 = load(S, c, o3 + 1 * l, overwrite);
    FloatVector c40 = load(S, c, o4, overwrite);
    FloatVector c41 = load(S, c, o4 + 1 * l, overwrite);
    FloatVector c50 = load(S, c, o5, overwrite);
    FloatVector c51 = load(S, c, o5 + 1 * l, overwrite);
    FloatVector c60 = load(S, c, o6, overwrite);
    FloatVector c61 = load(S, c, o6 + 1 * l, overwrite);
    FloatVector c70 = load(S, c, o7, overwrite);
    FloatVector c71 = load(S, c, o7 + 1 * l, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p * 8;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector b1 = FloatVector.fromArray(S, pb, b + 1 * l);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + 1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + 2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + 3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + 4]);
      c40 = b0.fma(a4, c40);
      c41 = b1.fma(a4, c41);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + 5]);
      c50 = b0.fma(a5, c50);
      c51 = b1.fma(a5, c51);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + 6]);
      c60 = b0.fma(a6, c60);
      c61 = b1.fma(a6, c61);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + 7]);
      c70 = b0.fma(a7, c70);
      c71 = b1.fma(a7, c71);
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
    c60.intoArray(c, o6);
    c61.intoArray(c, o6 + 1 * l);
    c70.intoArray(c, o7);
    c71.intoArray(c, o7 + 1 * l);
  }

  private static void direct8x2(
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
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    int r4 = 4 * rowStep;
    int r5 = 5 * rowStep;
    int r6 = 6 * rowStep;
    int r7 = 7 * rowStep;
    FloatVector c00 = load(S, c, o0, overwrite);
    FloatVector c01 = load(S, c, o0 + 1 * l, overwrite);
    FloatVector c10 = load(S, c, o1, overwrite);
    FloatVector c11 = load(S, c, o1 + 1 * l, overwrite);
    FloatVector c20 = load(S, c, o2, overwrite);
    FloatVector c21 = load(S, c, o2 + 1 * l, overwrite);
    FloatVector c30 = load(S, c, o3, overwrite);
    FloatVector c31 = load(S, c, o3 + 1 * l, overwrite);
    FloatVector c40 = load(S, c, o4, overwrite);
    FloatVector c41 = load(S, c, o4 + 1 * l, overwrite);
    FloatVector c50 = load(S, c, o5, overwrite);
    FloatVector c51 = load(S, c, o5 + 1 * l, overwrite);
    FloatVector c60 = load(S, c, o6, overwrite);
    FloatVector c61 = load(S, c, o6 + 1 * l, overwrite);
    FloatVector c70 = load(S, c, o7, overwrite);
    FloatVector c71 = load(S, c, o7 + 1 * l, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector b1 = FloatVector.fromArray(S, pb, b + 1 * l);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + r1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + r2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + r3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + r4]);
      c40 = b0.fma(a4, c40);
      c41 = b1.fma(a4, c41);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + r5]);
      c50 = b0.fma(a5, c50);
      c51 = b1.fma(a5, c51);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + r6]);
      c60 = b0.fma(a6, c60);
      c61 = b1.fma(a6, c61);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + r7]);
      c70 = b0.fma(a7, c70);
      c71 = b1.fma(a7, c71);
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
    c60.intoArray(c, o6);
    c61.intoArray(c, o6 + 1 * l);
    c70.intoArray(c, o7);
    c71.intoArray(c, o7 + 1 * l);
  }

  private static void packed8x1(
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
    FloatVector c00 = load(S, c, o0, overwrite);
    FloatVector c10 = load(S, c, o1, overwrite);
    FloatVector c20 = load(S, c, o2, overwrite);
    FloatVector c30 = load(S, c, o3, overwrite);
    FloatVector c40 = load(S, c, o4, overwrite);
    FloatVector c50 = load(S, c, o5, overwrite);
    FloatVector c60 = load(S, c, o6, overwrite);
    FloatVector c70 = load(S, c, o7, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p * 8;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c00 = b0.fma(a0, c00);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + 1]);
      c10 = b0.fma(a1, c10);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + 2]);
      c20 = b0.fma(a2, c20);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + 3]);
      c30 = b0.fma(a3, c30);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + 4]);
      c40 = b0.fma(a4, c40);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + 5]);
      c50 = b0.fma(a5, c50);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + 6]);
      c60 = b0.fma(a6, c60);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + 7]);
      c70 = b0.fma(a7, c70);
    }
    c00.intoArray(c, o0);
    c10.intoArray(c, o1);
    c20.intoArray(c, o2);
    c30.intoArray(c, o3);
    c40.intoArray(c, o4);
    c50.intoArray(c, o5);
    c60.intoArray(c, o6);
    c70.intoArray(c, o7);
  }

  private static void direct8x1(
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
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    int r4 = 4 * rowStep;
    int r5 = 5 * rowStep;
    int r6 = 6 * rowStep;
    int r7 = 7 * rowStep;
    FloatVector c00 = load(S, c, o0, overwrite);
    FloatVector c10 = load(S, c, o1, overwrite);
    FloatVector c20 = load(S, c, o2, overwrite);
    FloatVector c30 = load(S, c, o3, overwrite);
    FloatVector c40 = load(S, c, o4, overwrite);
    FloatVector c50 = load(S, c, o5, overwrite);
    FloatVector c60 = load(S, c, o6, overwrite);
    FloatVector c70 = load(S, c, o7, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p;
      FloatVector b0 = FloatVector.fromArray(S, pb, b);
      FloatVector a0 = FloatVector.broadcast(S, pa[x]);
      c00 = b0.fma(a0, c00);
      FloatVector a1 = FloatVector.broadcast(S, pa[x + r1]);
      c10 = b0.fma(a1, c10);
      FloatVector a2 = FloatVector.broadcast(S, pa[x + r2]);
      c20 = b0.fma(a2, c20);
      FloatVector a3 = FloatVector.broadcast(S, pa[x + r3]);
      c30 = b0.fma(a3, c30);
      FloatVector a4 = FloatVector.broadcast(S, pa[x + r4]);
      c40 = b0.fma(a4, c40);
      FloatVector a5 = FloatVector.broadcast(S, pa[x + r5]);
      c50 = b0.fma(a5, c50);
      FloatVector a6 = FloatVector.broadcast(S, pa[x + r6]);
      c60 = b0.fma(a6, c60);
      FloatVector a7 = FloatVector.broadcast(S, pa[x + r7]);
      c70 = b0.fma(a7, c70);
    }
    c00.intoArray(c, o0);
    c10.intoArray(c, o1);
    c20.intoArray(c, o2);
    c30.intoArray(c, o3);
    c40.intoArray(c, o4);
    c50.intoArray(c, o5);
    c60.intoArray(c, o6);
    c70.intoArray(c, o7);
  }
}
