package dev.gakushu.data;

import dev.gakushu.tensor.Matrix;
import java.util.SplittableRandom;

/**
 * The book's mini-batches: each draws {@code batchSize} rows at random with replacement ({@code
 * np.random.choice(train_size, batch_size)}), one row index after the other from one seeded stream;
 * an "epoch" is a fixed number of such batches. Batch k of the whole run uses draws k·batchSize …
 * (k+1)·batchSize − 1 of the stream, so a loop can resume anywhere (the stream is replayed up to
 * that point).
 */
public final class SampledBatches implements BatchSampler {
  private final Dataset data;
  private final int batchSize;
  private final int batchesPerEpoch;
  private final long seed;
  private final Batches.Batch batch;
  private SplittableRandom random;
  private long drawn;
  private int epoch = 1;

  /**
   * @param batchSize rows per batch, at least 1 (rows may repeat)
   * @param batchesPerEpoch batches between two ends of epoch, at least 1
   * @param seed the seed of the stream of row indices
   */
  public SampledBatches(Dataset data, int batchSize, int batchesPerEpoch, long seed) {
    if (batchSize < 1 || batchesPerEpoch < 1) {
      throw new IllegalArgumentException(
          "batch size "
              + batchSize
              + " and batches per epoch "
              + batchesPerEpoch
              + " must be >= 1");
    }
    if (data.size() == 0) {
      throw new IllegalArgumentException(data.name() + " has no rows to draw batches from");
    }
    this.data = data;
    this.batchSize = batchSize;
    this.batchesPerEpoch = batchesPerEpoch;
    this.seed = seed;
    this.batch = new Batches.Batch(new Matrix(batchSize, data.featureCount()), new int[batchSize]);
    this.random = new SplittableRandom(seed);
  }

  @Override
  public int batchesPerEpoch() {
    return batchesPerEpoch;
  }

  @Override
  public long rowsPerEpoch() {
    return (long) batchesPerEpoch * batchSize;
  }

  @Override
  public void beginEpoch(int e) {
    this.epoch = e;
  }

  @Override
  public Batches.Batch batch(int index) {
    long wanted = ((long) (epoch - 1) * batchesPerEpoch + index) * batchSize;
    if (wanted != drawn) {
      random = new SplittableRandom(seed);
      for (long i = 0; i < wanted; i++) {
        random.nextInt(data.size());
      }
      drawn = wanted;
    }
    int d = data.featureCount();
    float[] source = data.features().data();
    float[] target = batch.features().data();
    for (int i = 0; i < batchSize; i++) {
      int row = random.nextInt(data.size());
      System.arraycopy(source, row * d, target, i * d, d);
      batch.labels()[i] = data.labels()[row];
    }
    drawn += batchSize;
    return batch;
  }
}
