package dev.gakushu.cli;

import dev.gakushu.nn.NetworkSummary;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** What train prints around the epochs: what it trains, a dry run's summary, and the outcome. */
final class TrainOutput {
  private TrainOutput() {}

  /** The lines of a resumed run: where it continues, then what it trains. */
  static void resuming(PrintWriter stdout, Path dir, TrainingRun run) {
    TrainState at = run.checkpointState();
    stdout.printf(Locale.ROOT, "resuming %s at epoch %d, step %d%n", dir, at.epoch(), at.step());
    announce(stdout, run, "training");
  }

  /**
   * The network, the data and its split, and the threads.
   *
   * @param verb "training", or "would train" for a dry run
   */
  static void announce(PrintWriter stdout, TrainingRun run, String verb) {
    stdout.printf(
        Locale.ROOT,
        "%s %s on %s: %d train, %d validation, %d test rows, %d threads%n",
        verb,
        run.network().describe(),
        run.data().name(),
        run.data().split().train().size(),
        run.data().split().validation().size(),
        run.data().split().test().size(),
        run.spec().threads());
    stdout.flush();
  }

  /** A dry run's layers, optimizer and loop, and that nothing was trained. */
  static void dryRun(PrintWriter stdout, TrainingRun run) {
    stdout.print(SummaryTable.of(NetworkSummary.of(run.network())));
    stdout.printf(
        Locale.ROOT,
        "optimizer %s, %d epochs of batches of %d%ndry run: nothing trained or written%n",
        run.spec().optimizer().name(),
        run.spec().loop().epochs(),
        run.spec().loop().batchSize());
  }

  /** Why the run stopped early (if it did), the test measures and the run directory. */
  static void outcome(PrintWriter stdout, TrainingRun.Outcome outcome) {
    if (outcome.stopReason() != null) {
      stdout.printf(
          Locale.ROOT,
          "stopped after epoch %d: %s%n",
          outcome.result().last().epoch(),
          outcome.stopReason());
    }
    stdout.printf(
        Locale.ROOT,
        "test loss %.4f  test accuracy %.4f  (%d rows)  %.1f s, %.0f samples/s%n",
        outcome.test().loss(),
        outcome.test().accuracy(),
        outcome.test().rows(),
        outcome.result().seconds(),
        outcome.result().samplesPerSecond());
    stdout.printf("run directory: %s%n", outcome.directory());
  }
}
