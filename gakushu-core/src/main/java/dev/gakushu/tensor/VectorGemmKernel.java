package dev.gakushu.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the Vector API ({@code jdk.incubator.vector}), BLIS-style: op(B) is packed into
 * panels NR = 2 vectors wide, stored p-major, and a register tile of MR rows × NR columns of C
 * stays in 2·MR vector accumulators while p runs over the block; each element of op(A) is broadcast
 * from its array (A is not packed). A panel narrower than NR (the last one) is computed on a
 * zero-padded copy of its tile, so the loops never need lane masks. MR is 6 by default on every JDK
 * (12 accumulators); a 4-row tile can be chosen for comparison ({@code vector4}).
 *
 * <p>Each accumulator lane computes c = fma(b[p][j], a[i][p], c) for p in order: the same chain as
 * {@link PlainGemmKernel}, so both give the same bits.
 *
 * <p>Only {@link GemmKernels} refers to this class, and only when the module is present.
 */
final class VectorGemmKernel implements GemmKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int NR = 2 * L;
  private static final int NC = 64 * NR;
  private final int mr;
  private final float[] packed = new float[KC * NC];
  private final float[][] edgeScratch;

  VectorGemmKernel(int workers, int rowsPerTile) {
    if (rowsPerTile != 4 && rowsPerTile != 6) {
      throw new IllegalArgumentException("tile height must be 4 or 6, was " + rowsPerTile);
    }
    this.mr = rowsPerTile;
    this.edgeScratch = new float[workers][rowsPerTile * NR];
  }

  /** The default tile height, 6 rows. */
  static int defaultRowsPerTile() {
    return 6;
  }

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize() + "bit-" + mr + "x" + NR;
  }

  @Override
  public int rowGroup() {
    return mr;
  }

  @Override
  public int blockColumns() {
    return NC;
  }

  @Override
  public void packB(float[] b, int bRow, int bCol, int pc, int kc, int jc, int nc) {
    int panels = (nc + NR - 1) / NR;
    for (int q = 0; q < panels; q++) {
      int width = Math.min(NR, nc - q * NR);
      for (int p = 0; p < kc; p++) {
        int to = (q * kc + p) * NR;
        int from = (pc + p) * bRow + (jc + q * NR) * bCol;
        if (bCol == 1) {
          System.arraycopy(b, from, packed, to, width);
        } else {
          for (int j = 0; j < width; j++) {
            packed[to + j] = b[from + j * bCol];
          }
        }
        for (int j = width; j < NR; j++) {
          packed[to + j] = 0f;
        }
      }
    }
  }

  @Override
  public void updateRows(
      int worker,
      float[] a,
      int aRow,
      int aCol,
      float[] c,
      int ldc,
      int rowStart,
      int rowEnd,
      int pc,
      int kc,
      int jc,
      int nc,
      boolean overwrite) {
    float[] edge = edgeScratch[worker];
    int panels = (nc + NR - 1) / NR;
    for (int q = 0; q < panels; q++) {
      int width = Math.min(NR, nc - q * NR);
      int base = q * kc * NR;
      int column = jc + q * NR;
      int i = rowStart;
      while (i < rowEnd) {
        int rows = rowEnd - i >= mr ? mr : 1;
        if (width == NR) {
          tile(rows, a, aRow, aCol, c, i * ldc + column, ldc, i, pc, kc, base, overwrite);
        } else {
          // a partial panel: work on a zero-padded copy of the tile, then copy the valid columns
          // back
          for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(edge, r * NR, (r + 1) * NR, 0f);
            if (!overwrite) {
              System.arraycopy(c, (i + r) * ldc + column, edge, r * NR, width);
            }
          }
          tile(rows, a, aRow, aCol, edge, 0, NR, i, pc, kc, base, overwrite);
          for (int r = 0; r < rows; r++) {
            System.arraycopy(edge, r * NR, c, (i + r) * ldc + column, width);
          }
        }
        i += rows;
      }
    }
  }

  private void tile(
      int rows,
      float[] a,
      int aRow,
      int aCol,
      float[] c,
      int offset,
      int ldc,
      int i,
      int pc,
      int kc,
      int base,
      boolean overwrite) {
    if (rows == 6) {
      tile6(a, aRow, aCol, c, offset, ldc, i, pc, kc, base, overwrite);
    } else if (rows == 4) {
      tile4(a, aRow, aCol, c, offset, ldc, i, pc, kc, base, overwrite);
    } else {
      tile1(a, aRow, aCol, c, offset, i, pc, kc, base, overwrite);
    }
  }

  private static FloatVector load(float[] c, int offset, boolean overwrite) {
    return overwrite ? FloatVector.zero(S) : FloatVector.fromArray(S, c, offset);
  }

  private void tile6(
      float[] a,
      int aRow,
      int aCol,
      float[] c,
      int o0,
      int ldc,
      int i,
      int pc,
      int kc,
      int base,
      boolean overwrite) {
    float[] packed =
        this.packed; // a local, so the JIT keeps it in a register and hoists its bounds checks
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    int o4 = o3 + ldc;
    int o5 = o4 + ldc;
    FloatVector c00 = load(c, o0, overwrite), c01 = load(c, o0 + L, overwrite);
    FloatVector c10 = load(c, o1, overwrite), c11 = load(c, o1 + L, overwrite);
    FloatVector c20 = load(c, o2, overwrite), c21 = load(c, o2 + L, overwrite);
    FloatVector c30 = load(c, o3, overwrite), c31 = load(c, o3 + L, overwrite);
    FloatVector c40 = load(c, o4, overwrite), c41 = load(c, o4 + L, overwrite);
    FloatVector c50 = load(c, o5, overwrite), c51 = load(c, o5 + L, overwrite);
    int a0 = i * aRow + pc * aCol;
    for (int p = 0; p < kc; p++) {
      int bo = base + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, packed, bo);
      FloatVector b1 = FloatVector.fromArray(S, packed, bo + L);
      int ap = a0 + p * aCol;
      FloatVector x = FloatVector.broadcast(S, a[ap]);
      c00 = b0.fma(x, c00);
      c01 = b1.fma(x, c01);
      x = FloatVector.broadcast(S, a[ap + aRow]);
      c10 = b0.fma(x, c10);
      c11 = b1.fma(x, c11);
      x = FloatVector.broadcast(S, a[ap + 2 * aRow]);
      c20 = b0.fma(x, c20);
      c21 = b1.fma(x, c21);
      x = FloatVector.broadcast(S, a[ap + 3 * aRow]);
      c30 = b0.fma(x, c30);
      c31 = b1.fma(x, c31);
      x = FloatVector.broadcast(S, a[ap + 4 * aRow]);
      c40 = b0.fma(x, c40);
      c41 = b1.fma(x, c41);
      x = FloatVector.broadcast(S, a[ap + 5 * aRow]);
      c50 = b0.fma(x, c50);
      c51 = b1.fma(x, c51);
    }
    c00.intoArray(c, o0);
    c01.intoArray(c, o0 + L);
    c10.intoArray(c, o1);
    c11.intoArray(c, o1 + L);
    c20.intoArray(c, o2);
    c21.intoArray(c, o2 + L);
    c30.intoArray(c, o3);
    c31.intoArray(c, o3 + L);
    c40.intoArray(c, o4);
    c41.intoArray(c, o4 + L);
    c50.intoArray(c, o5);
    c51.intoArray(c, o5 + L);
  }

  private void tile4(
      float[] a,
      int aRow,
      int aCol,
      float[] c,
      int o0,
      int ldc,
      int i,
      int pc,
      int kc,
      int base,
      boolean overwrite) {
    float[] packed =
        this.packed; // a local, so the JIT keeps it in a register and hoists its bounds checks
    int o1 = o0 + ldc;
    int o2 = o1 + ldc;
    int o3 = o2 + ldc;
    FloatVector c00 = load(c, o0, overwrite), c01 = load(c, o0 + L, overwrite);
    FloatVector c10 = load(c, o1, overwrite), c11 = load(c, o1 + L, overwrite);
    FloatVector c20 = load(c, o2, overwrite), c21 = load(c, o2 + L, overwrite);
    FloatVector c30 = load(c, o3, overwrite), c31 = load(c, o3 + L, overwrite);
    int a0 = i * aRow + pc * aCol;
    for (int p = 0; p < kc; p++) {
      int bo = base + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, packed, bo);
      FloatVector b1 = FloatVector.fromArray(S, packed, bo + L);
      int ap = a0 + p * aCol;
      FloatVector x0 = FloatVector.broadcast(S, a[ap]);
      FloatVector x1 = FloatVector.broadcast(S, a[ap + aRow]);
      FloatVector x2 = FloatVector.broadcast(S, a[ap + 2 * aRow]);
      FloatVector x3 = FloatVector.broadcast(S, a[ap + 3 * aRow]);
      c00 = b0.fma(x0, c00);
      c01 = b1.fma(x0, c01);
      c10 = b0.fma(x1, c10);
      c11 = b1.fma(x1, c11);
      c20 = b0.fma(x2, c20);
      c21 = b1.fma(x2, c21);
      c30 = b0.fma(x3, c30);
      c31 = b1.fma(x3, c31);
    }
    c00.intoArray(c, o0);
    c01.intoArray(c, o0 + L);
    c10.intoArray(c, o1);
    c11.intoArray(c, o1 + L);
    c20.intoArray(c, o2);
    c21.intoArray(c, o2 + L);
    c30.intoArray(c, o3);
    c31.intoArray(c, o3 + L);
  }

  private void tile1(
      float[] a,
      int aRow,
      int aCol,
      float[] c,
      int o0,
      int i,
      int pc,
      int kc,
      int base,
      boolean overwrite) {
    float[] packed =
        this.packed; // a local, so the JIT keeps it in a register and hoists its bounds checks
    FloatVector c00 = load(c, o0, overwrite), c01 = load(c, o0 + L, overwrite);
    int a0 = i * aRow + pc * aCol;
    for (int p = 0; p < kc; p++) {
      int bo = base + p * NR;
      FloatVector x = FloatVector.broadcast(S, a[a0 + p * aCol]);
      c00 = FloatVector.fromArray(S, packed, bo).fma(x, c00);
      c01 = FloatVector.fromArray(S, packed, bo + L).fma(x, c01);
    }
    c00.intoArray(c, o0);
    c01.intoArray(c, o0 + L);
  }
}
