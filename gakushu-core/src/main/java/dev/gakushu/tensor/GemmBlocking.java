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
 * multiple of MR (at least MR), NC to a multiple of NR (at least NR).
 */
record GemmBlocking(int kc, int mc, int nc) {
  private static final int FLOAT_BYTES = 4;
  private static final int MAX_NC = 4096;

  static GemmBlocking of(int mr, int nr, CacheSizes caches) {
    int kc = caches.l1Data() / (FLOAT_BYTES * nr) / 8 * 8;
    kc = Math.max(64, Math.min(1024, kc));
    int mc = Math.max(mr, caches.l2() / 2 / (FLOAT_BYTES * kc) / mr * mr);
    int nc = Math.max(nr, Math.min(MAX_NC, caches.l3() / 4 / (FLOAT_BYTES * kc)) / nr * nr);
    return new GemmBlocking(kc, mc, nc);
  }
}
