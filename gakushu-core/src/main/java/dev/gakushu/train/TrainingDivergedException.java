package dev.gakushu.train;

import dev.gakushu.GakushuException;

/** The loss became NaN or infinite; training cannot usefully go on. */
public final class TrainingDivergedException extends GakushuException {
  private static final long serialVersionUID = 1L;
  private final long step;

  public TrainingDivergedException(int epoch, long step, double loss) {
    super(
        "the training loss became "
            + loss
            + " at step "
            + step
            + " (epoch "
            + epoch
            + "); the learning rate is probably too high, or the initial weights too large");
    this.step = step;
  }

  public long step() {
    return step;
  }
}
