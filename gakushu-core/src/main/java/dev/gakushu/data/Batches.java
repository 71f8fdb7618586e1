package dev.gakushu.data;

import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.Seeds;
import java.util.SplittableRandom;

/**
 * Mini-batches drawn without replacement: each epoch visits every row once, in an order that is a
 * fresh permutation for every epoch (or the data's own order without shuffling). The last batch of
 * an epoch holds the remainder and may be smaller.
 *
 * <p>Epoch e's order depends only on the seed and e, never on earlier epochs, so training can
 * resume at any batch of any epoch. The matrices handed out are reused from batch to batch.
 */
public final class Batches implements BatchSampler {
  /** One mini-batch: features (one example per row) and their labels. Reused by the next call. */
  public record Batch(Matrix features, int[] labels) {
    public int size() {
      return labels.length;
    }
  }

  private final Dataset data;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final int[] order;
  private final Batch full;
  private final Batch last;

  /**
   * @param batchSize rows per batch, at least 1 (larger than the data set means one batch)
   * @param shuffle whether each epoch has its own random order
   * @param seed the seed of the shuffling stream
   */
  public Batches(Dataset data, int batchSize, boolean shuffle, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException(data.name() + " has no rows to make batches from");
    }
    this.data = data;
    this.batchSize = Math.min(batchSize, data.size());
    this.shuffle = shuffle;
    this.seed = seed;
    this.order = new int[data.size()];
    this.full = newBatch(this.batchSize);
    int remainder = data.size() % this.batchSize;
    this.last = remainder == 0 ? full : newBatch(remainder);
  }

  private Batch newBatch(int rows) {
    return new Batch(new Matrix(rows, data.featureCount()), new int[rows]);
  }

  @Override
  public long rowsPerEpoch() {
    return data.size();
  }

  @Override
  public int batchesPerEpoch() {
    return (data.size() + batchSize - 1) / batchSize;
  }

  /** Sets the row order of epoch {@code epoch} (counted from 1). */
  @Override
  public void beginEpoch(int epoch) {
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffle) {
      Shuffle.shuffle(order, new SplittableRandom(Seeds.derive(seed, "epoch-" + epoch)));
    }
  }

  /** Batch {@code index} (from 0) of the current epoch. */
  @Override
  public Batch batch(int index) {
    int start = index * batchSize;
    int end = Math.min(start + batchSize, order.length);
    Batch b = end - start == batchSize ? full : last;
    int d = data.featureCount();
    float[] source = data.features().data();
    float[] target = b.features().data();
    int[] labels = data.labels();
    for (int i = start; i < end; i++) {
      System.arraycopy(source, order[i] * d, target, (i - start) * d, d);
      b.labels()[i - start] = labels[order[i]];
    }
    return b;
  }
}
