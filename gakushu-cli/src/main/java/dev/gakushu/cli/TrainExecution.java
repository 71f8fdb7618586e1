package dev.gakushu.cli;

import dev.gakushu.train.Checkpoint;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainingInterruptedException;
import dev.gakushu.train.TrainingRun;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Trains a prepared or resumed run in its directory, with its progress on the terminal and the
 * watching options' listeners, and prints how it ended: the outcome, or how to resume it when it
 * was interrupted or the machine failed it.
 */
final class TrainExecution {
  private TrainExecution() {}

  /**
   * Trains (or continues, when {@code resumed}) {@code run} in {@code dir}, which this process
   * holds.
   *
   * @param every write the checkpoint every this many steps too (0: after each epoch only)
   * @return the exit status
   */
  static int train(
      CommandSpec spec,
      TrainingRun run,
      RunDirectory dir,
      boolean resumed,
      int every,
      boolean progressBar,
      ObserveOptions observe) {
    PrintWriter stdout = spec.commandLine().getOut();
    TrainingRun.Outcome outcome;
    String resumeCommand = "gakushu train --resume " + dir.path();
    try {
      List<TrainListener> listeners = new ArrayList<>();
      listeners.add(new ConsoleReport(stdout, progressBar));
      listeners.addAll(observe.listeners(dir, run.network()));
      outcome = resumed ? run.continueRun(listeners, every) : run.startIn(dir, listeners, every);
    } catch (TrainingInterruptedException e) {
      return StoppedRun.interrupted(spec, e.getMessage(), resumeCommand);
    } catch (UncheckedIOException e) {
      throw StoppedRun.failed(
          e,
          dir.path(),
          Files.isRegularFile(dir.path().resolve(Checkpoint.FILE)) ? resumeCommand : null);
    }
    outcome.warnings().forEach(Gakushu.warnings(spec.commandLine().getErr()));
    TrainOutput.outcome(stdout, outcome);
    return 0;
  }
}
