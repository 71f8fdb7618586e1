package dev.gakushu.experiments;

import dev.gakushu.Conventions;
import dev.gakushu.data.Batches;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.SampledBatches;
import dev.gakushu.data.Sampling;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.TrainConfig;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.Trainer;
import java.util.List;

/**
 * The book's way of training in its chapter-6 scripts, through the one {@link Trainer}: each
 * iteration draws a mini-batch at random with replacement ({@code np.random.choice(train_size,
 * batch_size)}, here {@link SampledBatches} from a seeded stream) and takes one gradient step.
 * Every network of a comparison is trained with the same batch seed, so all see the same batches,
 * and draws its initial weights from its own stream ({@link #networkSeed}), as the book's scripts
 * draw each network's weights in turn from numpy's one global stream; as in the book, training goes
 * on when a loss is not finite.
 */
final class BookLoop {
  private BookLoop() {}

  /**
   * The book's common setup as a run specification: its conventions, SGD with learning rate 0.01,
   * mini-batches drawn with replacement, one epoch (of as many batches as the experiment draws,
   * {@link #train}), the experiment's seed; each experiment sets its network, batch size and
   * epochs, and {@link #network} the threads of its matrix products.
   */
  static RunSpec.Builder book(BookData data, long seed) {
    return RunSpec.builder()
        .data(data.name())
        .conventions(Conventions.BOOK)
        .optimizer(OptimizerKind.SGD)
        .lr(0.01)
        .sampling(Sampling.WITH_REPLACEMENT)
        .epochs(1)
        .seed(seed);
  }

  /**
   * What an experiment's {@code config.json} says of its batches, which its networks'
   * specifications cannot: every network draws the same batches, from the stream of the
   * experiment's seed, not of its own seed (which draws its initial weights).
   */
  static String batchesNote(long seed) {
    return batchesNote(
        "the same for every network, from the stream of the experiment's seed " + seed);
  }

  /** As {@link #batchesNote(long)}, the batches' stream described by {@code shared}. */
  static String batchesNote(String shared) {
    return "drawn with replacement (loop.sampling), "
        + shared
        + ", not from each network's seed (its initial weights). So train --config with one"
        + " network's specification trains it otherwise: on its data set's split (standardised,"
        + " part held out for validation), not the experiment's rows (pixels in [0, 1], as the"
        + " book's), with batches from its own seed, max(rows/batch, 1) to an epoch, not the"
        + " experiment's count";
  }

  /**
   * The seed of the {@code index}-th network of a comparison (its initial weights and dropout
   * masks): one stream per network under the run's seed, so no two networks share a draw.
   */
  static long networkSeed(long seed, int index) {
    return dev.gakushu.tensor.Seeds.derive(seed, "network-" + index);
  }

  /**
   * The network of {@code spec} for {@code data}'s features and classes, its matrix products on
   * {@code threads} threads (the results do not depend on it).
   */
  static Network network(RunSpec spec, Dataset data, int threads) {
    return spec.toBuilder()
        .threads(threads)
        .build()
        .buildNetwork(data.featureCount(), data.classCount());
  }

  /**
   * Trains {@code network}, the network of {@code spec}, with its optimizer for its loop's epochs,
   * each of {@code batchesPerEpoch} book batches of its batch size drawn from the stream {@code
   * seed}; {@code listener} hears every step and epoch (there is no validation data).
   */
  static void train(
      RunSpec spec,
      Network network,
      Dataset data,
      int batchesPerEpoch,
      long seed,
      TrainListener listener) {
    int batchSize = spec.loop().batchSize();
    new Trainer(
            new TrainConfig(spec.loop().epochs(), batchSize, true, seed).throughDivergence(),
            List.of(listener))
        .fit(
            network,
            spec.buildOptimizer(),
            new SampledBatches(data, batchSize, batchesPerEpoch, seed),
            data.subset(data.name() + "/none", new int[0]),
            null);
  }

  /**
   * The loss of each step of {@code spec}'s one epoch of {@code iterations} book batches (see
   * {@link #train}) as the book's scripts record it: the objective on the step's batch after the
   * update.
   */
  static double[] lossesAfterSteps(
      RunSpec spec, Network network, Dataset data, int iterations, long seed) {
    double[] losses = new double[iterations * spec.loop().epochs()];
    train(
        spec,
        network,
        data,
        iterations,
        seed,
        new TrainListener() {
          private int step;

          @Override
          public void afterStep(Batches.Batch batch) {
            losses[step++] = network.objective(batch.features(), batch.labels(), Mode.EVAL);
          }
        });
    return losses;
  }
}
