package dev.gakushu.spec;

import dev.gakushu.data.Sampling;

/**
 * How the training loop runs.
 *
 * @param epochs passes over the training data, >= 1
 * @param batchSize rows per mini-batch, >= 1
 * @param sampling how the mini-batches are drawn: each epoch in a fresh seeded order (the default),
 *     in the stored order, or with replacement as the book's loop ({@link Sampling}); a file that
 *     predates it says {@code "shuffle": true} or {@code false} ({@link SpecTree})
 * @param clipNorm the largest global gradient norm before clipping, > 0, or 0 for no clipping
 * @param validateEvery measure the validation data after every this many epochs (and after the
 *     last), >= 1
 * @param earlyStopping when to stop before the last epoch, or null to run every epoch
 */
public record LoopSettings(
    int epochs,
    int batchSize,
    Sampling sampling,
    double clipNorm,
    int validateEvery,
    EarlyStopping earlyStopping) {
  public LoopSettings {
    java.util.Objects.requireNonNull(sampling, "loop.sampling");
    Check.atLeast("loop.epochs", epochs, 1);
    Check.atLeast("loop.batch_size", batchSize, 1);
    Check.atLeast("loop.validate_every", validateEvery, 1);
    if (clipNorm != 0) {
      Check.positive("loop.clip_norm", clipNorm);
    }
  }
}
