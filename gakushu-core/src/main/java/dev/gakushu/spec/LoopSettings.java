package dev.gakushu.spec;

/**
 * How the training loop runs.
 *
 * @param epochs passes over the training data, >= 1
 * @param batchSize rows per mini-batch, >= 1
 * @param shuffle whether each epoch visits the rows in a fresh seeded order
 * @param clipNorm the largest global gradient norm before clipping, > 0, or 0 for no clipping
 * @param validateEvery measure the validation data after every this many epochs (and after the
 *     last), >= 1
 * @param earlyStopping when to stop before the last epoch, or null to run every epoch
 */
public record LoopSettings(
    int epochs,
    int batchSize,
    boolean shuffle,
    double clipNorm,
    int validateEvery,
    EarlyStopping earlyStopping) {
  public LoopSettings {
    Check.atLeast("loop.epochs", epochs, 1);
    Check.atLeast("loop.batch_size", batchSize, 1);
    Check.atLeast("loop.validate_every", validateEvery, 1);
    if (clipNorm != 0) {
      Check.positive("loop.clip_norm", clipNorm);
    }
  }
}
