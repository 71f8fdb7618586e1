package dev.gakushu.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel for 256-bit vectors (AVX2), and for 128-bit ones (SSE, NEON), with one of two register
 * tiles, both of 12 accumulators, which leave room in AVX2's 16 registers for the B vectors and a
 * broadcast:
 *
 * <ul>
 *   <li>6 rows × 2 vectors (6 × 16 at 256 bits), the tile used without a tuning: 2 loads of B and 6
 *       broadcasts of A for 12 FMAs;
 *   <li>4 rows × 3 vectors (4 × 24): 3 loads and 4 broadcasts for 12 FMAs, fewer loads per FMA
 *       (7/12 against 8/12), for a core whose load ports rather than its FMA units limit the tile
 *       (the candidate for a real AVX2 core that ran the 6 × 16 tile at about half its peak).
 * </ul>
 *
 * <p>The 6 × 16 tile has two loops, one reading A where it is ({@link #direct6x2}: A·B and A·Bᵀ)
 * and one over a packed panel ({@link #packed6x2}: Aᵀ·B), each with A's step along p a constant (1
 * and 6) and the step between rows a variable. The JIT then checks A's bounds once before the loop;
 * with both steps variables, as the other tiles still have them, it checked each of the six
 * broadcasts at every step (45 instructions for 12 FMAs). At 256×784×1024 (Sapphire Rapids at
 * {@code -XX:UseAVX=2}, JDK 25) A·B ran at 1.25× the speed (62 to 78 GFLOPS) and Aᵀ·B at 1.14× (62
 * to 71); the code keeps the 12 accumulators, 2 B vectors and 2 broadcasts in the 16 registers.
 * With both steps constants the JIT loaded the broadcasts of the next rows early and, at 16
 * registers, spilled accumulators to the stack: the packed tile so ran at 0.95× here and at half
 * the speed on a Zen 5 core (and 8 × 16 and 4 × 16 tiles at 0.55 and 0.85 of it there); 4 × 24 with
 * a constant step along p spilled too (0.6×) and keeps the variables. (8 × 8 was not added: 8
 * accumulators are just the FMA units' latency × throughput, with no slack, and 9 loads per 8 FMAs
 * exceed two load ports.)
 */
abstract class Vector256Kernel extends VectorGemmKernel {
  /**
   * @param tile one of {@link GemmTile#forBits}: 6 × 2 or 4 × 3 vectors
   */
  private Vector256Kernel(int workers, int lanes, GemmTile tile, GemmBlocking blocking) {
    super(workers, tile.rows(), lanes, tile.vectors(), blocking);
  }

  /** 256-bit vectors: 8 floats. */
  static Vector256Kernel bits256(int workers, GemmTile tile, GemmBlocking blocking) {
    return new Vector256Kernel(workers, 8, tile, blocking) {
      @Override
      VectorSpecies<Float> species() {
        return FloatVector.SPECIES_256;
      }
    };
  }

  /** 128-bit vectors: 4 floats, with the same tiles. */
  static Vector256Kernel bits128(int workers, GemmTile tile, GemmBlocking blocking) {
    return new Vector256Kernel(workers, 4, tile, blocking) {
      @Override
      VectorSpecies<Float> species() {
        return FloatVector.SPECIES_128;
      }
    };
  }

  /**
   * By whole vectors (8 floats with 256 bits, one or two of 4 with 128) where they stay inside both
   * arrays: the floats copied past a column land in the next column's place, which is written next,
   * or past the panel. A call of {@code System.arraycopy} per 6 floats cost more.
   */
  @Override
  void packPanelOfTransposedA(float[] a, int first, int aCol, int kc, float[] to, int base) {
    VectorSpecies<Float> s = species();
    int l = s.length();
    int mr = rowGroup();
    int span = (mr + l - 1) / l * l;
    for (int p = 0; p < kc; p++) {
      int at = first + p * aCol;
      int into = base + p * mr;
      if (at + span <= a.length && into + span <= to.length) {
        for (int k = 0; k < span; k += l) {
          FloatVector.fromArray(s, a, at + k).intoArray(to, into + k);
        }
      } else {
        System.arraycopy(a, at, to, into, mr);
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
    if (rowGroup() == 6 && vectors == 2) {
      packed6x2(pa, ao, 1, kc, pb, bo, c, co, ldc, overwrite);
    } else if (rowGroup() == 6) {
      packed6x1(pa, ao, 1, kc, pb, bo, c, co, ldc, overwrite);
    } else {
      tile(vectors, pa, ao, 1, rowGroup(), kc, pb, bo, c, co, ldc, overwrite);
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
    if (rowGroup() == 6 && vectors == 2) {
      direct6x2(a, ao, rowStep, kc, pb, bo, c, co, ldc, overwrite);
    } else if (rowGroup() == 6) {
      direct6x1(a, ao, rowStep, kc, pb, bo, c, co, ldc, overwrite);
    } else {
      tile(vectors, a, ao, rowStep, 1, kc, pb, bo, c, co, ldc, overwrite);
    }
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
    if (vectors == 3) {
      tile4x3(pa, ao, rowStep, pStep, kc, pb, bo, c, co, ldc, overwrite);
    } else {
      tile4x1(pa, ao, rowStep, pStep, kc, pb, bo, c, co, ldc, overwrite);
    }
  }

  /**
   * The 6 × 16 tile over a packed panel of A: p's step the constant 6 and the rows' step {@code
   * rowStep} (1), as {@link #direct6x2} has them the other way round (see the class comment).
   */
  private void packed6x2(
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
      int x = ao + p * 6;
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

  /**
   * The 6 × 16 tile reading A where it is, row r's element p at {@code ao + r·rowStep + p}: p's
   * step the constant 1 (see the class comment).
   */
  private void direct6x2(
      float[] a,
      int ao,
      int rowStep,
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
      int x = ao + p;
      FloatVector b0 = FloatVector.fromArray(s, pb, b);
      FloatVector b1 = FloatVector.fromArray(s, pb, b + 1 * l);
      FloatVector a0 = FloatVector.broadcast(s, a[x]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      FloatVector a1 = FloatVector.broadcast(s, a[x + r1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      FloatVector a2 = FloatVector.broadcast(s, a[x + r2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      FloatVector a3 = FloatVector.broadcast(s, a[x + r3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
      FloatVector a4 = FloatVector.broadcast(s, a[x + r4]);
      c40 = b0.fma(a4, c40);
      c41 = b1.fma(a4, c41);
      FloatVector a5 = FloatVector.broadcast(s, a[x + r5]);
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

  /** {@link #packed6x2} one vector wide. */
  private void packed6x1(
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
      int x = ao + p * 6;
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

  /** {@link #direct6x2} one vector wide. */
  private void direct6x1(
      float[] a,
      int ao,
      int rowStep,
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
      int x = ao + p;
      FloatVector b0 = FloatVector.fromArray(s, pb, b);
      FloatVector a0 = FloatVector.broadcast(s, a[x]);
      c00 = b0.fma(a0, c00);
      FloatVector a1 = FloatVector.broadcast(s, a[x + r1]);
      c10 = b0.fma(a1, c10);
      FloatVector a2 = FloatVector.broadcast(s, a[x + r2]);
      c20 = b0.fma(a2, c20);
      FloatVector a3 = FloatVector.broadcast(s, a[x + r3]);
      c30 = b0.fma(a3, c30);
      FloatVector a4 = FloatVector.broadcast(s, a[x + r4]);
      c40 = b0.fma(a4, c40);
      FloatVector a5 = FloatVector.broadcast(s, a[x + r5]);
      c50 = b0.fma(a5, c50);
    }
    c00.intoArray(c, o0);
    c10.intoArray(c, o1);
    c20.intoArray(c, o2);
    c30.intoArray(c, o3);
    c40.intoArray(c, o4);
    c50.intoArray(c, o5);
  }

  private void tile4x3(
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
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    FloatVector c00 = load(s, c, o0, overwrite);
    FloatVector c01 = load(s, c, o0 + 1 * l, overwrite);
    FloatVector c02 = load(s, c, o0 + 2 * l, overwrite);
    FloatVector c10 = load(s, c, o1, overwrite);
    FloatVector c11 = load(s, c, o1 + 1 * l, overwrite);
    FloatVector c12 = load(s, c, o1 + 2 * l, overwrite);
    FloatVector c20 = load(s, c, o2, overwrite);
    FloatVector c21 = load(s, c, o2 + 1 * l, overwrite);
    FloatVector c22 = load(s, c, o2 + 2 * l, overwrite);
    FloatVector c30 = load(s, c, o3, overwrite);
    FloatVector c31 = load(s, c, o3 + 1 * l, overwrite);
    FloatVector c32 = load(s, c, o3 + 2 * l, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 3 * l;
      int x = ao + p * pStep;
      FloatVector b0 = FloatVector.fromArray(s, pb, b);
      FloatVector b1 = FloatVector.fromArray(s, pb, b + 1 * l);
      FloatVector b2 = FloatVector.fromArray(s, pb, b + 2 * l);
      FloatVector a0 = FloatVector.broadcast(s, pa[x]);
      c00 = b0.fma(a0, c00);
      c01 = b1.fma(a0, c01);
      c02 = b2.fma(a0, c02);
      FloatVector a1 = FloatVector.broadcast(s, pa[x + r1]);
      c10 = b0.fma(a1, c10);
      c11 = b1.fma(a1, c11);
      c12 = b2.fma(a1, c12);
      FloatVector a2 = FloatVector.broadcast(s, pa[x + r2]);
      c20 = b0.fma(a2, c20);
      c21 = b1.fma(a2, c21);
      c22 = b2.fma(a2, c22);
      FloatVector a3 = FloatVector.broadcast(s, pa[x + r3]);
      c30 = b0.fma(a3, c30);
      c31 = b1.fma(a3, c31);
      c32 = b2.fma(a3, c32);
    }
    c00.intoArray(c, o0);
    c01.intoArray(c, o0 + 1 * l);
    c02.intoArray(c, o0 + 2 * l);
    c10.intoArray(c, o1);
    c11.intoArray(c, o1 + 1 * l);
    c12.intoArray(c, o1 + 2 * l);
    c20.intoArray(c, o2);
    c21.intoArray(c, o2 + 1 * l);
    c22.intoArray(c, o2 + 2 * l);
    c30.intoArray(c, o3);
    c31.intoArray(c, o3 + 1 * l);
    c32.intoArray(c, o3 + 2 * l);
  }

  private void tile4x1(
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
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int r1 = 1 * rowStep;
    int r2 = 2 * rowStep;
    int r3 = 3 * rowStep;
    FloatVector c00 = load(s, c, o0, overwrite);
    FloatVector c10 = load(s, c, o1, overwrite);
    FloatVector c20 = load(s, c, o2, overwrite);
    FloatVector c30 = load(s, c, o3, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 3 * s.length();
      int x = ao + p * pStep;
      FloatVector b0 = FloatVector.fromArray(s, pb, b);
      c00 = b0.fma(FloatVector.broadcast(s, pa[x]), c00);
      c10 = b0.fma(FloatVector.broadcast(s, pa[x + r1]), c10);
      c20 = b0.fma(FloatVector.broadcast(s, pa[x + r2]), c20);
      c30 = b0.fma(FloatVector.broadcast(s, pa[x + r3]), c30);
    }
    c00.intoArray(c, o0);
    c10.intoArray(c, o1);
    c20.intoArray(c, o2);
    c30.intoArray(c, o3);
  }
}
