package dev.gakushu.tensor;

/**
 * The kernel in plain Java, for JVMs without the {@code jdk.incubator.vector} module: op(B) is
 * packed into row arrays and four rows of C are copied into scratch row arrays, so that every
 * access in the hot loop has the form {@code x[j]}, which C2 vectorises; two k-steps per pass:
 * {@code c[j] = fma(a[i][p+1], b[p+1][j], fma(a[i][p], b[p][j], c[j]))}.
 */
final class PlainGemmKernel implements GemmKernel {
  private static final int MR = 4;
  private static final int NC = 512;
  private static final int KC = 1024;
  private final float[][][] packedB;
  private final float[][][] rowScratch;

  PlainGemmKernel(int workers) {
    this.rowScratch = new float[workers][MR][NC];
    this.packedB = new float[workers][KC][NC];
  }

  @Override
  public String name() {
    return "plain-java";
  }

  @Override
  public int rowGroup() {
    return MR;
  }

  @Override
  public int columnGroup() {
    return 16;
  }

  @Override
  public int blockColumns() {
    return NC;
  }

  @Override
  public int blockDepth() {
    return KC;
  }

  @Override
  public void packB(int worker, float[] b, int bRow, int bCol, int pc, int kc, int jc, int nc) {
    for (int p = 0; p < kc; p++) {
      float[] row = packedB[worker][p];
      int base = (pc + p) * bRow + jc * bCol;
      if (bCol == 1) {
        System.arraycopy(b, base, row, 0, nc);
      } else {
        for (int j = 0; j < nc; j++) {
          row[j] = b[base + j * bCol];
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
    float[][] scratch = rowScratch[worker];
    float[][] pb = packedB[worker];
    int i = rowStart;
    for (; i + MR <= rowEnd; i += MR) {
      for (int r = 0; r < MR; r++) {
        loadRow(scratch[r], c, (i + r) * ldc + jc, nc, overwrite);
      }
      fourRows(scratch, pb, a, aRow, aCol, i, pc, kc, nc);
      for (int r = 0; r < MR; r++) {
        System.arraycopy(scratch[r], 0, c, (i + r) * ldc + jc, nc);
      }
    }
    for (; i < rowEnd; i++) {
      loadRow(scratch[0], c, i * ldc + jc, nc, overwrite);
      oneRow(scratch[0], pb, a, aRow, aCol, i, pc, kc, nc);
      System.arraycopy(scratch[0], 0, c, i * ldc + jc, nc);
    }
  }

  private static void loadRow(float[] row, float[] c, int offset, int nc, boolean zero) {
    if (zero) {
      java.util.Arrays.fill(row, 0, nc, 0f);
    } else {
      System.arraycopy(c, offset, row, 0, nc);
    }
  }

  private static void fourRows(
      float[][] rows, float[][] pb, float[] a, int aRow, int aCol, int i, int pc, int kc, int nc) {
    float[] c0 = rows[0];
    float[] c1 = rows[1];
    float[] c2 = rows[2];
    float[] c3 = rows[3];
    int a0 = i * aRow;
    int a1 = a0 + aRow;
    int a2 = a1 + aRow;
    int a3 = a2 + aRow;
    int p = 0;
    for (; p + 1 < kc; p += 2) {
      float[] b0 = pb[p];
      float[] b1 = pb[p + 1];
      int k0 = (pc + p) * aCol;
      int k1 = k0 + aCol;
      float x00 = a[a0 + k0], x01 = a[a0 + k1];
      float x10 = a[a1 + k0], x11 = a[a1 + k1];
      float x20 = a[a2 + k0], x21 = a[a2 + k1];
      float x30 = a[a3 + k0], x31 = a[a3 + k1];
      for (int j = 0; j < nc; j++) {
        float u = b0[j];
        float v = b1[j];
        c0[j] = Math.fma(x01, v, Math.fma(x00, u, c0[j]));
        c1[j] = Math.fma(x11, v, Math.fma(x10, u, c1[j]));
        c2[j] = Math.fma(x21, v, Math.fma(x20, u, c2[j]));
        c3[j] = Math.fma(x31, v, Math.fma(x30, u, c3[j]));
      }
    }
    if (p < kc) {
      float[] b0 = pb[p];
      int k0 = (pc + p) * aCol;
      float x0 = a[a0 + k0], x1 = a[a1 + k0], x2 = a[a2 + k0], x3 = a[a3 + k0];
      for (int j = 0; j < nc; j++) {
        float u = b0[j];
        c0[j] = Math.fma(x0, u, c0[j]);
        c1[j] = Math.fma(x1, u, c1[j]);
        c2[j] = Math.fma(x2, u, c2[j]);
        c3[j] = Math.fma(x3, u, c3[j]);
      }
    }
  }

  /** The same chain of operations as {@link #fourRows} for a single row. */
  private static void oneRow(
      float[] c0, float[][] pb, float[] a, int aRow, int aCol, int i, int pc, int kc, int nc) {
    int a0 = i * aRow;
    int p = 0;
    for (; p + 1 < kc; p += 2) {
      float[] b0 = pb[p];
      float[] b1 = pb[p + 1];
      int k0 = (pc + p) * aCol;
      float x0 = a[a0 + k0];
      float x1 = a[a0 + k0 + aCol];
      for (int j = 0; j < nc; j++) {
        c0[j] = Math.fma(x1, b1[j], Math.fma(x0, b0[j], c0[j]));
      }
    }
    if (p < kc) {
      float[] b0 = pb[p];
      float x0 = a[a0 + (pc + p) * aCol];
      for (int j = 0; j < nc; j++) {
        c0[j] = Math.fma(x0, b0[j], c0[j]);
      }
    }
  }
}
