package dev.gakushu.train;

import dev.gakushu.GakushuException;

/**
 * Training stopped between two steps because it was asked to (Ctrl-C, SIGTERM), at a state a
 * resumed run continues from exactly: every {@link TrainListener} has heard {@link
 * TrainListener#onInterrupted} (the checkpoint is written) before this is thrown.
 */
public final class TrainingInterruptedException extends GakushuException {
  private static final long serialVersionUID = 1L;
  private final transient TrainState state;

  public TrainingInterruptedException(TrainState state) {
    super(
        state.nextBatch() == 0
            ? "interrupted after epoch " + state.completedEpochs()
            : "interrupted in epoch " + state.epoch() + " after step " + state.step());
    this.state = state;
  }

  /** Where training stopped, as its checkpoint holds it. */
  public TrainState state() {
    return state;
  }
}
