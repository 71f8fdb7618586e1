package dev.gakushu.experiments;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.tensor.Matrix;
import java.util.SplittableRandom;

/**
 * The book's way of training in its chapter-6 scripts: each iteration draws a mini-batch at random
 * with replacement ({@code np.random.choice(train_size, batch_size)}), takes one gradient step, and
 * records the batch's loss after the update; every network of a comparison sees the same batches.
 * Here the draws come from a seeded generator.
 */
final class BookLoop {
  /** Threads for the experiments' matrix products: all cores (the results do not depend on it). */
  static final int THREADS = Runtime.getRuntime().availableProcessors();

  private final Dataset data;
  private final int batchSize;
  private final SplittableRandom random;
  private final Matrix x;
  private final int[] t;

  BookLoop(Dataset data, int batchSize, long seed) {
    this.data = data;
    this.batchSize = batchSize;
    this.random = new SplittableRandom(seed);
    this.x = new Matrix(batchSize, data.featureCount());
    this.t = new int[batchSize];
  }

  /** Draws the next batch (with replacement). */
  void nextBatch() {
    int d = data.featureCount();
    for (int i = 0; i < batchSize; i++) {
      int row = random.nextInt(data.size());
      System.arraycopy(data.features().data(), row * d, x.data(), i * d, d);
      t[i] = data.labels()[row];
    }
  }

  /**
   * One step of {@code network} on the current batch; returns the batch's loss after the update.
   */
  double step(Network network, Optimizer optimizer) {
    network.loss(x, t, Mode.TRAIN);
    network.backward();
    optimizer.step(network.params());
    return network.objective(x, t, Mode.EVAL);
  }

  /** Accuracy of {@code network} on {@code rows} in evaluation mode. */
  static double accuracy(Network network, Dataset rows) {
    return dev.gakushu.train.Evaluation.of(network, rows).accuracy();
  }
}
