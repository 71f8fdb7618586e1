package dev.gakushu.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the Vector API ({@code jdk.incubator.vector}), BLIS-style. For each block of KC
 * rows of op(B) ({@link GemmBlocking}):
 *
 * <ol>
 *   <li>op(B) is packed into micro-panels NR = 2 or 3 vectors wide (the tile's width), stored
 *       p-major (vector copies per row of a panel, or gathers per row when B is transposed);
 *   <li>each thread, for each block of MC of its rows, packs op(A) into micro-panels of MR rows,
 *       stored p-major, where A is transposed (Aᵀ·B, the weight gradients) and for the rows that do
 *       not fill a tile; otherwise the tile broadcasts straight from A's rows, which are contiguous
 *       along p (packing them cost more than it gained at 100×784×100);
 *   <li>for each micro-panel of B (which stays in L1) and each micro-panel of A, a register tile of
 *       MR × NR elements of C stays in 2·MR vector accumulators while p runs over the block.
 * </ol>
 *
 * A micro-panel no wider than one vector runs with one vector per row, and a tile that is cut by
 * the edge of C (fewer than MR rows, or fewer columns than its vectors hold) is accumulated through
 * a small scratch tile: op(A) and op(B) are zero-padded when packed, so the padding lanes compute
 * values nobody reads, and the loops never need lane masks.
 *
 * <p>Each accumulator lane computes c = fma(b[p][j], a[i][p], c) for p in order: the same chain as
 * {@link PlainGemmKernel}, so every species and tile gives the same bits.
 *
 * <p>The register tiles are in one subclass per width ({@link Vector512Kernel}, {@link
 * Vector256Kernel}), each holding its species as a constant: the JIT compiles vector operations to
 * instructions only where it sees the species as a constant, which it does when one JVM uses one
 * width. The tile and the blocking are a {@link GemmChoice}: {@link GemmTuning} picks it, and every
 * choice gives the same bits. Only {@link GemmKernels}, the tuner and the probe refer to these
 * classes, and only when the module is present.
 */
abstract class VectorGemmKernel implements GemmKernel {
  private final int mr;
  private final int nr;
  private final int lanes;
  private final GemmBlocking blocking;
  private final float[][] packedB;
  private final float[][] packedA;
  private final float[][] edgeTile;
  private final int[][] indexMaps;

  /**
   * @param mr rows of the register tile
   * @param lanes floats per vector
   * @param vectors vectors across the register tile: NR = vectors·lanes
   * @param blocking KC, MC (a multiple of MR) and NC (a multiple of NR)
   */
  VectorGemmKernel(int workers, int mr, int lanes, int vectors, GemmBlocking blocking) {
    this.mr = mr;
    this.nr = vectors * lanes;
    this.lanes = lanes;
    this.blocking = blocking;
    this.packedB = new float[workers][blocking.kc() * blocking.nc()];
    this.packedA = new float[workers][blocking.kc() * blocking.mc()];
    this.edgeTile = new float[workers][mr * nr];
    this.indexMaps = new int[workers][nr];
  }

  /**
   * A kernel for vectors of the given size, with the first of its tiles and the blocking from this
   * machine's caches ({@link GemmChoice#fallback}).
   *
   * @param bits 128, 256 or 512
   */
  static VectorGemmKernel create(int bits, int workers) {
    return create(bits, workers, GemmChoice.fallback(bits, CacheSizes.DETECTED));
  }

  /** A kernel for vectors of the given size, with the chosen tile and blocking. */
  static VectorGemmKernel create(int bits, int workers, GemmChoice choice) {
    if (!choice.runsAt(bits)) {
      throw new IllegalArgumentException(
          "no kernel for " + choice + " at " + bits + "-bit vectors");
    }
    return switch (bits) {
      case 512 -> new Vector512Kernel(workers, choice.tile(), choice.blocking());
      case 256 -> Vector256Kernel.bits256(workers, choice.tile(), choice.blocking());
      default -> Vector256Kernel.bits128(workers, choice.tile(), choice.blocking());
    };
  }

  /** This JVM's preferred vector size in bits. */
  static int preferredBits() {
    return FloatVector.SPECIES_PREFERRED.vectorBitSize();
  }

  /** The species, a constant in each subclass. */
  abstract VectorSpecies<Float> species();

  /**
   * The register tile over a packed micro-panel of A, element (r, p) at {@code ao + p·MR + r}: C's
   * MR rows from {@code co}, {@code ldc} apart, {@code vectors} (1, or the tile's width) vectors
   * wide, accumulate (or, when {@code overwrite}, are set to) Σ_p a(r, p)·b(p, ·) with b(p, ·) at
   * {@code bo + p·NR}.
   */
  abstract void packedTile(
      int vectors,
      float[] pa,
      int ao,
      int kc,
      float[] pb,
      int bo,
      float[] c,
      int co,
      int ldc,
      boolean overwrite);

  /**
   * The same tile reading A where it is, row r's element p at {@code ao + r·rowStep + p}: MR rows
   * of A that are contiguous along p.
   */
  abstract void directTile(
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
      boolean overwrite);

  /** C's vector at {@code offset}, or zeros when it is to be overwritten. */
  static FloatVector load(VectorSpecies<Float> s, float[] c, int offset, boolean overwrite) {
    return overwrite ? FloatVector.zero(s) : FloatVector.fromArray(s, c, offset);
  }

  @Override
  public String name() {
    return "vector-" + (lanes * Float.SIZE) + "bit-" + new GemmTile(mr, nr / lanes).name(lanes);
  }

  @Override
  public int rowGroup() {
    return mr;
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
    VectorSpecies<Float> s = species();
    int l = s.length();
    for (int q = 0; q * nr < nc; q++) {
      int width = Math.min(nr, nc - q * nr);
      int to = q * kc * nr;
      int column = jc + q * nr;
      if (width == nr && bCol == 1) {
        for (int p = 0; p < kc; p++) {
          int from = (pc + p) * bRow + column;
          for (int v = 0; v < nr; v += l) {
            FloatVector.fromArray(s, b, from + v).intoArray(packed, to + p * nr + v);
          }
        }
      } else if (width == nr) {
        packTransposedPanel(indexMaps[worker], b, bRow, bCol, pc, kc, column, packed, to);
      } else {
        packNarrowPanel(b, bRow, bCol, pc, kc, column, width, packed, to);
      }
    }
  }

  /**
   * A full micro-panel of op(B) = Bᵀ, whose rows are columns of B's rows ({@code bCol} apart): by
   * one gather per vector of each row, {@code indexMap} (NR ints) serving as scratch.
   */
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
    VectorSpecies<Float> s = species();
    int l = s.length();
    for (int j = 0; j < nr; j++) {
      indexMap[j] = j * bCol;
    }
    int from = column * bCol + pc * bRow;
    for (int p = 0; p < kc; p++) {
      for (int v = 0; v < nr; v += l) {
        FloatVector.fromArray(s, b, from + p * bRow, indexMap, v)
            .intoArray(packed, to + p * nr + v);
      }
    }
  }

  /** A micro-panel of op(B) narrower than NR, zero-padded to NR. */
  private void packNarrowPanel(
      float[] b, int bRow, int bCol, int pc, int kc, int column, int width, float[] to, int at) {
    for (int p = 0; p < kc; p++) {
      int row = at + p * nr;
      for (int j = 0; j < width; j++) {
        to[row + j] = b[(pc + p) * bRow + (column + j) * bCol];
      }
      Arrays.fill(to, row + width, row + nr, 0f);
    }
  }

  /**
   * Packs op(A)(i + r, pc + p) for rows i in [rowStart, rowStart + rows) into micro-panels of MR
   * rows: element (r, p) of panel q at {@code (q·kc + p)·MR + r}; rows past the end are zeros.
   */
  private void packA(
      float[] a, int aRow, int aCol, int rowStart, int rows, int pc, int kc, float[] to) {
    for (int q = 0; q * mr < rows; q++) {
      int height = Math.min(mr, rows - q * mr);
      int base = q * kc * mr;
      int first = (rowStart + q * mr) * aRow + pc * aCol;
      if (aRow == 1 && height == mr) {
        // op(A) = Aᵀ: the MR rows of a panel are adjacent in A
        packPanelOfTransposedA(a, first, aCol, kc, to, base);
      } else {
        for (int p = 0; p < kc; p++) {
          for (int r = 0; r < height; r++) {
            to[base + p * mr + r] = a[first + r * aRow + p * aCol];
          }
          Arrays.fill(to, base + p * mr + height, base + (p + 1) * mr, 0f);
        }
      }
    }
  }

  /**
   * Packs one full micro-panel of op(A) = Aᵀ: for p in [0, kc), the MR adjacent floats at {@code
   * first + p·aCol} go to {@code base + p·MR}. It may also overwrite floats of {@code to} after the
   * panel, which lie past the panels packed or in the next one, packed after it. Each subclass has
   * the loop itself, with its species as a constant: with the copy in a small method called from
   * here, the JIT sometimes compiled it into this loop without the vector intrinsics, and the
   * vectors were allocated as objects (100×784×100 Aᵀ·B at 115–120 GFLOPS instead of 160).
   */
  abstract void packPanelOfTransposedA(
      float[] a, int first, int aCol, int kc, float[] to, int base);

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
    float[] pb = packedB[worker];
    boolean direct = aCol == 1;
    for (int ic = rowStart; ic < rowEnd; ic += blocking.mc()) {
      int mc = Math.min(blocking.mc(), rowEnd - ic);
      int full = direct ? mc / mr * mr : 0;
      packA(a, aRow, aCol, ic + full, mc - full, pc, kc, panelsA);
      for (int q = 0; q * nr < nc; q++) {
        int width = Math.min(nr, nc - q * nr);
        // a panel of at most one vector by the one-vector tile; any other by the whole tile
        int vectors = width > lanes ? nr / lanes : 1;
        int bo = q * kc * nr;
        for (int ir = 0; ir < mc; ir += mr) {
          int co = (ic + ir) * ldc + jc + q * nr;
          boolean fits = ir + mr <= mc && width == vectors * lanes;
          float[] to = fits ? c : edgeTile[worker];
          int at = fits ? co : 0;
          int step = fits ? ldc : nr;
          if (!fits) {
            startEdge(worker, c, co, ldc, Math.min(mr, mc - ir), width, overwrite);
          }
          if (ir < full) {
            directTile(
                vectors, a, (ic + ir) * aRow + pc, aRow, kc, pb, bo, to, at, step, overwrite);
          } else {
            packedTile(vectors, panelsA, (ir - full) * kc, kc, pb, bo, to, at, step, overwrite);
          }
          if (!fits) {
            finishEdge(worker, c, co, ldc, Math.min(mr, mc - ir), width);
          }
        }
      }
    }
  }

  /** Copies the part of C that a tile cut by C's edge covers into the scratch tile. */
  private void startEdge(
      int worker, float[] c, int co, int ldc, int rows, int width, boolean overwrite) {
    if (!overwrite) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(c, co + r * ldc, edgeTile[worker], r * nr, width);
      }
    }
  }

  /** Copies the scratch tile's part that lies inside C back. */
  private void finishEdge(int worker, float[] c, int co, int ldc, int rows, int width) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(edgeTile[worker], r * nr, c, co + r * ldc, width);
    }
  }
}
