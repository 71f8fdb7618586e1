package dev.gakushu.tensor;

/**
 * The block sizes of the BLIS-style loops of {@link VectorGemmKernel}, from its register tile (MR
 * rows × NR columns) and the caches:
 *
 * <ul>
 *   <li>KC, the depth of a block: one micro-panel of B, NR·KC floats, fills the L1 data cache, so
 *       that it stays there while the register tiles of every micro-panel of A run over it (A's
 *       micro-panels, read once each per micro-panel of B, stream from L2). On a Zen 5 core this
 *       measured 2–4 % faster at the large shapes than the textbook share, where a micro-panel of A
 *       fits beside B's: KC = 384 against 304 with 512-bit vectors; at 256 bits the two rules gave
 *       the same speed (768 and 552);
 *   <li>MC, the rows of a packed A block: MC·KC floats fill half of L2, so that the block is read
 *       from L2 for every micro-panel of B;
 *   <li>NC, the columns of a packed B block: KC·NC floats fill a quarter of L3 (shared by all
 *       threads), at most 4096 columns.
 * </ul>
 *
 * Each is the largest that fits, rounded down: KC to a multiple of 8 between 64 and 1024, MC to a
 * multiple of MR (at least MR), NC to a multiple of NR (at least NR). This is the rule used when no
 * tuning is at hand; {@link GemmTuner} measures others around it. Whatever the blocks, every
 * element of C is the same chain of FMAs over p in order (a depth block continues the chain from
 * C).
 */
record GemmBlocking(int kc, int mc, int nc) {
  private static final int FLOAT_BYTES = 4;
  private static final int MAX_NC = 4096;

  /** The most floats a packed block (KC·MC or KC·NC) may hold: 64 MiB. */
  static final long MAX_BLOCK_FLOATS = 1 << 24;

  /** The blocks the cache sizes give for an MR × NR tile. */
  static GemmBlocking of(int mr, int nr, CacheSizes caches) {
    int kc = caches.l1Data() / (FLOAT_BYTES * nr) / 8 * 8;
    return forDepth(Math.max(64, Math.min(1024, kc)), mr, nr, caches);
  }

  /** The blocks for a given KC: MC and NC by the rule above. */
  static GemmBlocking forDepth(int kc, int mr, int nr, CacheSizes caches) {
    int mc = Math.max(mr, caches.l2() / 2 / (FLOAT_BYTES * kc) / mr * mr);
    int nc = Math.max(nr, Math.min(MAX_NC, caches.l3() / 4 / (FLOAT_BYTES * kc)) / nr * nr);
    return new GemmBlocking(kc, mc, nc);
  }

  /**
   * Whether a kernel with an MR × NR tile can run with these blocks: KC ≥ 1, MC a positive multiple
   * of MR, NC of NR, and neither packed block above {@link #MAX_BLOCK_FLOATS} floats.
   */
  boolean fits(int mr, int nr) {
    return kc >= 1
        && mc >= mr
        && mc % mr == 0
        && nc >= nr
        && nc % nr == 0
        && (long) kc * mc <= MAX_BLOCK_FLOATS
        && (long) kc * nc <= MAX_BLOCK_FLOATS;
  }
}
