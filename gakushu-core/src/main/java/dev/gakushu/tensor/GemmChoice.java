package dev.gakushu.tensor;

import java.util.Locale;

/**
 * What the vector kernel of one vector size runs with: its register tile and its blocking. Every
 * choice gives the same bits; {@link GemmTuning} picks the fastest it knows of.
 */
record GemmChoice(GemmTile tile, GemmBlocking blocking) {
  /**
   * The first tile of the width with the blocking of the cache-size rule ({@link GemmBlocking}).
   */
  static GemmChoice fallback(int bits, CacheSizes caches) {
    GemmTile tile = GemmTile.forBits(bits).get(0);
    return new GemmChoice(tile, GemmBlocking.of(tile.rows(), nr(bits, tile), caches));
  }

  /** NR, the tile's columns, at {@code bits}-bit vectors. */
  static int nr(int bits, GemmTile tile) {
    return tile.vectors() * lanes(bits);
  }

  /** Floats per vector. */
  static int lanes(int bits) {
    return bits / Float.SIZE;
  }

  /** Whether a kernel of this vector size has this tile and can run with this blocking. */
  boolean runsAt(int bits) {
    return GemmTile.forBits(bits).contains(tile) && blocking.fits(tile.rows(), nr(bits, tile));
  }

  /**
   * For messages: the kernel's name ({@link VectorGemmKernel#name}) and the blocks, e.g. {@code
   * vector-256bit-6x16, KC 768, MC 120, NC 4096}.
   */
  String describe(int bits) {
    return String.format(
        Locale.ROOT,
        "vector-%dbit-%s, KC %d, MC %d, NC %d",
        bits,
        tile.name(lanes(bits)),
        blocking.kc(),
        blocking.mc(),
        blocking.nc());
  }
}
