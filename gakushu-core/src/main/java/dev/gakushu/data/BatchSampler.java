package dev.gakushu.data;

/**
 * Where a training loop's mini-batches come from: epoch e (from 1) has {@link #batchesPerEpoch()}
 * batches, asked for in order by index; a batch depends only on the seed, e and the index, so a
 * loop can resume at any batch.
 */
public interface BatchSampler {
  int batchesPerEpoch();

  /** The rows the batches of one epoch hold together. */
  long rowsPerEpoch();

  /** Prepares epoch {@code epoch} (counted from 1). */
  void beginEpoch(int epoch);

  /** Batch {@code index} (from 0) of the current epoch; reused by the next call. */
  Batches.Batch batch(int index);
}
