package dev.gakushu.tensor;

import java.util.List;

/**
 * The register tile of a vector kernel: {@code rows} rows of C × {@code vectors} vectors of
 * columns, held in rows·vectors accumulators while p runs over a block of depth. Each accumulator
 * lane is one element's chain of fused multiply-adds over p in order, so the tile changes the
 * speed, never the bits.
 */
record GemmTile(int rows, int vectors) {
  private static final List<GemmTile> AT_512 = List.of(new GemmTile(8, 2), new GemmTile(12, 2));
  private static final List<GemmTile> AT_256 = List.of(new GemmTile(6, 2), new GemmTile(4, 3));

  /**
   * The tiles of the kernel for {@code bits}-bit vectors, the first the one used without a tuning:
   * 8 × 2 and 12 × 2 vectors at 512 bits ({@link Vector512Kernel}); 6 × 2 and 4 × 3 at 256 and 128
   * ({@link Vector256Kernel}).
   *
   * @throws IllegalArgumentException for a size without a kernel
   */
  static List<GemmTile> forBits(int bits) {
    return switch (bits) {
      case 512 -> AT_512;
      case 256, 128 -> AT_256;
      default -> throw new IllegalArgumentException("no kernel for " + bits + "-bit vectors");
    };
  }

  /** MR × NR for vectors of {@code lanes} floats, e.g. {@code 6x16}. */
  String name(int lanes) {
    return rows + "x" + (vectors * lanes);
  }
}
