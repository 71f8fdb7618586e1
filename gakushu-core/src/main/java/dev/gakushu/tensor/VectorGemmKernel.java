package dev.gakushu.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the Vector API ({@code jdk.incubator.vector}), BLIS-style. For each block of KC
 * rows of op(B) ({@link GemmBlocking}):
 *
 * <ol>
 *   <li>op(B) is packed into micro-panels NR = 2 vectors wide, stored p-major (all threads pack,
 *       each its share of the micro-panels);
 *   <li>each thread, for each block of MC of its rows, packs op(A) into micro-panels of MR rows,
 *       stored p-major, so that the kernel reads both operands contiguously whatever the transpose
 *       form;
 *   <li>for each micro-panel of B (which stays in L1) and each micro-panel of A (read from L2), a
 *       register tile of MR × NR elements of C stays in 2·MR vector accumulators while p runs over
 *       the block.
 * </ol>
 *
 * A micro-panel narrower than one vector runs with one vector per row, and a tile that is cut by
 * the edge of C (fewer than MR rows, or fewer columns than its vectors hold) is accumulated through
 * a small scratch tile: op(A) and op(B) are zero-padded when packed, so the padding lanes compute
 * values nobody reads, and the loops never need lane masks.
 *
 * <p>Each accumulator lane computes c = fma(b[p][j], a[i][p], c) for p in order: the same chain as
 * {@link PlainGemmKernel}, so every species and tile gives the same bits.
 *
 * <p>The species is a parameter (tests force 512-bit and 256-bit vectors on any CPU), held as a
 * constant by one small subclass per vector width: the JIT compiles vector operations to
 * instructions only where it sees the species as a constant, which it does when one JVM uses one
 * width. Only {@link GemmKernels} refers to this class, and only when the module is present.
 */
abstract class VectorGemmKernel implements GemmKernel {
  /**
   * MR, the rows of a register tile: 6 rows × 2 vectors keep 12 accumulators, which leaves room for
   * the two B vectors and the broadcast in AVX2's 16 registers. With AVX-512's 32 registers 8 rows
   * measured 0.85–1.1× the speed of 6 on a Zen 5 (JDK 25), so 6 serves every width.
   */
  private static final int MR = 6;

  private final int nr;
  private final GemmBlocking blocking;
  private final float[][] packedB;
  private final float[][] packedA;
  private final float[][] edgeTile;

  private VectorGemmKernel(int workers, int lanes, CacheSizes caches) {
    this.nr = 2 * lanes;
    this.blocking = GemmBlocking.of(MR, nr, caches);
    this.packedB = new float[workers][blocking.kc() * blocking.nc()];
    this.packedA = new float[workers][blocking.kc() * blocking.mc()];
    this.edgeTile = new float[workers][MR * nr];
  }

  /**
   * A kernel for vectors of the given size.
   *
   * @param bits 128, 256 or 512
   */
  static VectorGemmKernel create(int bits, int workers) {
    CacheSizes caches = CacheSizes.DETECTED;
    return switch (bits) {
      case 512 -> new Bits512(workers, caches);
      case 256 -> new Bits256(workers, caches);
      case 128 -> new Bits128(workers, caches);
      default -> throw new IllegalArgumentException("no kernel for " + bits + "-bit vectors");
    };
  }

  /** This JVM's preferred vector size in bits. */
  static int preferredBits() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }

  /** The species, a constant in each subclass. */
  abstract VectorSpecies<Float> species();

  @Override
  public String name() {
    return "vector-" + (nr / 2 * Float.SIZE) + "bit-" + MR + "x" + nr;
  }

  @Override
  public int rowGroup() {
    return MR;
  }

  @Override
  public int columnGroup() {
    return nr;
  }

  @Override
  public int blockColumns() {
    return blocking.nc();
  }

  @Override
  public int blockDepth() {
    return blocking.kc();
  }

  @Override
  public void packB(int worker, float[] b, int bRow, int bCol, int pc, int kc, int jc, int nc) {
    float[] packed = packedB[worker];
    for (int q = 0; q * nr < nc; q++) {
      int width = Math.min(nr, nc - q * nr);
      int to = q * kc * nr;
      int column = jc + q * nr;
      if (bCol == 1) {
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, (pc + p) * bRow + column, packed, to + p * nr, width);
        }
      } else {
        // op(B) = Bᵀ: its columns are rows of B, read along p
        for (int j = 0; j < width; j++) {
          int from = (column + j) * bCol + pc * bRow;
          for (int p = 0; p < kc; p++) {
            packed[to + p * nr + j] = b[from + p * bRow];
          }
        }
      }
      if (width < nr) {
        for (int p = 0; p < kc; p++) {
          java.util.Arrays.fill(packed, to + p * nr + width, to + (p + 1) * nr, 0f);
        }
      }
    }
  }

  /**
   * Packs op(A)(i + r, pc + p) for rows i in [rowStart, rowStart + rows) into micro-panels of MR
   * rows: element (r, p) of panel q at {@code (q·kc + p)·MR + r}; rows past the end are zeros.
   */
  private void packA(
      float[] a, int aRow, int aCol, int rowStart, int rows, int pc, int kc, float[] to) {
    for (int q = 0; q * MR < rows; q++) {
      int height = Math.min(MR, rows - q * MR);
      int base = q * kc * MR;
      int first = (rowStart + q * MR) * aRow + pc * aCol;
      if (aRow == 1) {
        // op(A) = Aᵀ: the MR rows of a panel are adjacent in A
        for (int p = 0; p < kc; p++) {
          System.arraycopy(a, first + p * aCol, to, base + p * MR, height);
        }
      } else {
        for (int r = 0; r < height; r++) {
          int from = first + r * aRow;
          for (int p = 0; p < kc; p++) {
            to[base + p * MR + r] = a[from + p * aCol];
          }
        }
      }
      if (height < MR) {
        for (int p = 0; p < kc; p++) {
          java.util.Arrays.fill(to, base + p * MR + height, base + (p + 1) * MR, 0f);
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
    float[] panelsA = packedA[worker];
    int lanes = nr / 2;
    // with op(A) = A (rows contiguous along p), whole tiles broadcast straight from A: packing
    // it cost 10–25 % at 100×784×100 and gained nothing at the larger shapes (Zen 5)
    boolean direct = aCol == 1;
    for (int ic = rowStart; ic < rowEnd; ic += blocking.mc()) {
      int mc = Math.min(blocking.mc(), rowEnd - ic);
      int full = direct ? mc / MR * MR : 0;
      packA(a, aRow, aCol, ic + full, mc - full, pc, kc, panelsA);
      for (int q = 0; q * nr < nc; q++) {
        int width = Math.min(nr, nc - q * nr);
        int vectors = width > lanes ? 2 : 1;
        int bo = q * kc * nr;
        for (int ir = 0; ir < mc; ir += MR) {
          float[] from = ir < full ? a : panelsA;
          int ao = ir < full ? (ic + ir) * aRow + pc : (ir - full) * kc;
          int rowStep = ir < full ? aRow : 1;
          int pStep = ir < full ? 1 : MR;
          int co = (ic + ir) * ldc + jc + q * nr;
          int rows = Math.min(MR, mc - ir);
          if (rows == MR && width == vectors * lanes) {
            tile(vectors, from, ao, rowStep, pStep, kc, packedB[worker], bo, c, co, ldc, overwrite);
          } else {
            edgeTile(
                worker, rows, width, vectors, from, ao, rowStep, pStep, kc, bo, c, co, ldc,
                overwrite);
          }
        }
      }
    }
  }

  /** A tile cut by the edge of C, accumulated in a scratch tile of MR × NR. */
  private void edgeTile(
      int worker,
      int rows,
      int width,
      int vectors,
      float[] as,
      int ao,
      int rowStep,
      int pStep,
      int kc,
      int bo,
      float[] c,
      int co,
      int ldc,
      boolean overwrite) {
    float[] edge = edgeTile[worker];
    if (!overwrite) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(c, co + r * ldc, edge, r * nr, width);
      }
    }
    tile(vectors, as, ao, rowStep, pStep, kc, packedB[worker], bo, edge, 0, nr, overwrite);
    for (int r = 0; r < rows; r++) {
      System.arraycopy(edge, r * nr, c, co + r * ldc, width);
    }
  }

  private void tile(
      int vectors,
      float[] as,
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
      tile6x2(as, ao, rowStep, pStep, kc, pb, bo, c, co, ldc, overwrite);
    } else {
      tile6x1(as, ao, rowStep, pStep, kc, pb, bo, c, co, ldc, overwrite);
    }
  }

  private static FloatVector load(
      VectorSpecies<Float> s, float[] c, int offset, boolean overwrite) {
    return overwrite ? FloatVector.zero(s) : FloatVector.fromArray(s, c, offset);
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
    int r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep, r4 = 4 * rowStep, r5 = 5 * rowStep;
    VectorSpecies<Float> s = species();
    int l = s.length();
    int o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
    FloatVector c00 = load(s, c, o0, overwrite), c01 = load(s, c, o0 + l, overwrite);
    FloatVector c10 = load(s, c, o1, overwrite), c11 = load(s, c, o1 + l, overwrite);
    FloatVector c20 = load(s, c, o2, overwrite), c21 = load(s, c, o2 + l, overwrite);
    FloatVector c30 = load(s, c, o3, overwrite), c31 = load(s, c, o3 + l, overwrite);
    FloatVector c40 = load(s, c, o4, overwrite), c41 = load(s, c, o4 + l, overwrite);
    FloatVector c50 = load(s, c, o5, overwrite), c51 = load(s, c, o5 + l, overwrite);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * 2 * l;
      int x = ao + p * pStep;
      FloatVector b0 = FloatVector.fromArray(s, pb, b);
      FloatVector b1 = FloatVector.fromArray(s, pb, b + l);
      FloatVector a = FloatVector.broadcast(s, pa[x]);
      c00 = b0.fma(a, c00);
      c01 = b1.fma(a, c01);
      a = FloatVector.broadcast(s, pa[x + r1]);
      c10 = b0.fma(a, c10);
      c11 = b1.fma(a, c11);
      a = FloatVector.broadcast(s, pa[x + r2]);
      c20 = b0.fma(a, c20);
      c21 = b1.fma(a, c21);
      a = FloatVector.broadcast(s, pa[x + r3]);
      c30 = b0.fma(a, c30);
      c31 = b1.fma(a, c31);
      a = FloatVector.broadcast(s, pa[x + r4]);
      c40 = b0.fma(a, c40);
      c41 = b1.fma(a, c41);
      a = FloatVector.broadcast(s, pa[x + r5]);
      c50 = b0.fma(a, c50);
      c51 = b1.fma(a, c51);
    }
    c00.intoArray(c, o0);
    c01.intoArray(c, o0 + l);
    c10.intoArray(c, o1);
    c11.intoArray(c, o1 + l);
    c20.intoArray(c, o2);
    c21.intoArray(c, o2 + l);
    c30.intoArray(c, o3);
    c31.intoArray(c, o3 + l);
    c40.intoArray(c, o4);
    c41.intoArray(c, o4 + l);
    c50.intoArray(c, o5);
    c51.intoArray(c, o5 + l);
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
    int r1 = rowStep, r2 = 2 * rowStep, r3 = 3 * rowStep, r4 = 4 * rowStep, r5 = 5 * rowStep;
    VectorSpecies<Float> s = species();
    int l = s.length();
    int o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
    FloatVector c0 = load(s, c, o0, overwrite), c1 = load(s, c, o1, overwrite);
    FloatVector c2 = load(s, c, o2, overwrite), c3 = load(s, c, o3, overwrite);
    FloatVector c4 = load(s, c, o4, overwrite), c5 = load(s, c, o5, overwrite);
    for (int p = 0; p < kc; p++) {
      FloatVector b0 = FloatVector.fromArray(s, pb, bo + p * 2 * l);
      int x = ao + p * pStep;
      c0 = b0.fma(FloatVector.broadcast(s, pa[x]), c0);
      c1 = b0.fma(FloatVector.broadcast(s, pa[x + r1]), c1);
      c2 = b0.fma(FloatVector.broadcast(s, pa[x + r2]), c2);
      c3 = b0.fma(FloatVector.broadcast(s, pa[x + r3]), c3);
      c4 = b0.fma(FloatVector.broadcast(s, pa[x + r4]), c4);
      c5 = b0.fma(FloatVector.broadcast(s, pa[x + r5]), c5);
    }
    c0.intoArray(c, o0);
    c1.intoArray(c, o1);
    c2.intoArray(c, o2);
    c3.intoArray(c, o3);
    c4.intoArray(c, o4);
    c5.intoArray(c, o5);
  }

  /** 512-bit vectors: 16 floats (AVX-512). */
  private static final class Bits512 extends VectorGemmKernel {
    Bits512(int workers, CacheSizes caches) {
      super(workers, 16, caches);
    }

    @Override
    VectorSpecies<Float> species() {
      return FloatVector.SPECIES_512;
    }
  }

  /** 256-bit vectors: 8 floats (AVX2). */
  private static final class Bits256 extends VectorGemmKernel {
    Bits256(int workers, CacheSizes caches) {
      super(workers, 8, caches);
    }

    @Override
    VectorSpecies<Float> species() {
      return FloatVector.SPECIES_256;
    }
  }

  /** 128-bit vectors: 4 floats (SSE, NEON). */
  private static final class Bits128 extends VectorGemmKernel {
    Bits128(int workers, CacheSizes caches) {
      super(workers, 4, caches);
    }

    @Override
    VectorSpecies<Float> species() {
      return FloatVector.SPECIES_128;
    }
  }
}
