package dev.gakushu.train;

import dev.gakushu.data.BatchSampler;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.Sampling;
import dev.gakushu.optim.LearningRateSchedule;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Seeds;

/**
 * How the training loop runs.
 *
 * @param epochs passes over the training data, at least 1
 * @param batchSize rows per mini-batch, at least 1
 * @param sampling how the mini-batches are drawn ({@link Sampling})
 * @param seed the run's seed; the stream of the batches' order or draws is derived from it
 * @param schedule how the optimizer's learning rate changes over the run
 * @param clipNorm the largest global gradient norm before clipping; 0 turns clipping off
 * @param validateEvery the validation data is measured after every this many epochs and after the
 *     last (its figures are NaN after the others)
 * @param haltOnDivergence whether a loss that is not finite ends training at once ({@link
 *     TrainingDivergedException}); the book's experiments go on regardless
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    Sampling sampling,
    long seed,
    LearningRateSchedule schedule,
    double clipNorm,
    int validateEvery,
    boolean haltOnDivergence) {
  public TrainConfig {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
    }
    if (validateEvery < 1) {
      throw new IllegalArgumentException("validateEvery must be at least 1, was " + validateEvery);
    }
    if (!(clipNorm >= 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException(
          "clip norm must be a finite number >= 0 (0 for none), was " + clipNorm);
    }
  }

  /** The loop of a run specification. */
  public static TrainConfig of(RunSpec spec) {
    return new TrainConfig(
        spec.loop().epochs(),
        spec.loop().batchSize(),
        spec.loop().sampling(),
        spec.seed(),
        spec.schedule(),
        spec.loop().clipNorm(),
        spec.loop().validateEvery(),
        true);
  }

  /** A constant learning rate and no clipping, each epoch shuffled or in the stored order. */
  public TrainConfig(int epochs, int batchSize, boolean shuffle, long seed) {
    this(
        epochs,
        batchSize,
        shuffle ? Sampling.SHUFFLE : Sampling.IN_ORDER,
        seed,
        LearningRateSchedule.constant(),
        0,
        1,
        true);
  }

  /**
   * The batches of {@code train} this loop draws: its sampling, from the stream "shuffle" of its
   * seed.
   */
  public BatchSampler batches(Dataset train) {
    return sampling.batches(train, batchSize, Seeds.derive(seed, "shuffle"));
  }

  /** This configuration, going on when the loss is not finite (as the book's scripts do). */
  public TrainConfig throughDivergence() {
    return new TrainConfig(
        epochs, batchSize, sampling, seed, schedule, clipNorm, validateEvery, false);
  }
}
