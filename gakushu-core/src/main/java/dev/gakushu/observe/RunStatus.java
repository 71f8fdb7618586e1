package dev.gakushu.observe;

import dev.gakushu.run.RunFile;
import dev.gakushu.run.StatusFile;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainResult;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.TrainingDivergedException;
import dev.gakushu.train.TrainingInterruptedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code status.json} of a run or search: "running" with the process id and host while it works,
 * then "finished", "diverged" (with the message) or "interrupted" (stopped by Ctrl-C or SIGTERM at
 * a checkpoint it resumes from, with where it stopped). A process killed on the way leaves
 * "running" behind; {@link #read} tells that apart from a live run by the process id when the run
 * was started on this host.
 */
public final class RunStatus implements TrainListener {
  public static final String FILE = RunFile.STATUS;
  private final RunDirectory run;

  public RunStatus(RunDirectory run) {
    this.run = run;
  }

  /**
   * What a run's status file says: finished, diverged, running, interrupted (asked to stop, at a
   * checkpoint) or stopped (killed).
   */
  public enum State {
    FINISHED,
    DIVERGED,
    RUNNING,
    INTERRUPTED,
    STOPPED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Override
  public void onTrainStart(int epochs, int batchesPerEpoch) {
    run.writeStatus(StatusFile.Written.RUNNING, null);
  }

  @Override
  public void onTrainEnd(TrainResult result) {
    run.writeStatus(StatusFile.Written.FINISHED, null);
  }

  @Override
  public void onDiverged(TrainingDivergedException diverged) {
    run.writeStatus(StatusFile.Written.DIVERGED, diverged.getMessage());
  }

  @Override
  public void onInterrupted(TrainState state) {
    run.writeStatus(
        StatusFile.Written.INTERRUPTED, new TrainingInterruptedException(state).getMessage());
  }

  /**
   * The state recorded in {@code dir}, or null without a status file. A "running" run whose process
   * on this host is gone is {@link State#STOPPED}.
   */
  public static State read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    StatusFile.Status s = StatusFile.parse(RunFiles.object(file));
    if (s == null) {
      return null;
    }
    return switch (s.status()) {
      case FINISHED -> State.FINISHED;
      case DIVERGED -> State.DIVERGED;
      case INTERRUPTED -> State.INTERRUPTED;
      case RUNNING -> s.writerGone() ? State.STOPPED : State.RUNNING;
    };
  }
}
