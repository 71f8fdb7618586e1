package dev.gakushu.cli;

import dev.gakushu.data.Batches;
import dev.gakushu.report.Numbers;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainState;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Shows training on the terminal: one line of metrics per epoch, with the epoch's training rows per
 * second and the whole run's estimated time left, and (only when standard output is a terminal) a
 * progress bar over the whole run's steps, redrawn during each epoch and cleared when it ends.
 *
 * <p>The time left is the run's mean time per step so far (validation included) times the steps
 * left: {@code eta = elapsed / (step - firstStep) * (epochs * batchesPerEpoch - step)}.
 */
final class ConsoleReport implements TrainListener {
  private final PrintWriter out;
  private final TerminalBar bar;
  private final LongSupplier nanoTime;
  private int epochs;
  private int batchesPerEpoch;
  private long startNanos;
  // read by the progress bar's drawing thread too
  private volatile long firstStep = -1;
  private volatile long step;
  private double loss;
  private long epochStartNanos;
  private long epochRows;
  private long lastBatchNanos;

  /**
   * @param showBar whether to draw the progress bar on standard output
   */
  ConsoleReport(PrintWriter out, boolean showBar) {
    this(out, TerminalBar.standardOutput(showBar), System::nanoTime);
  }

  /**
   * @param barConsumer where the progress bar is drawn, or null for no bar
   */
  ConsoleReport(PrintWriter out, ProgressBarConsumer barConsumer, LongSupplier nanoTime) {
    this.out = out;
    this.bar = new TerminalBar(barConsumer);
    this.nanoTime = nanoTime;
  }

  @Override
  public void onTrainStart(int epochs, int batchesPerEpoch) {
    this.epochs = epochs;
    this.batchesPerEpoch = batchesPerEpoch;
    this.startNanos = nanoTime.getAsLong();
  }

  @Override
  public void onEpochStart(int epoch) {
    epochStartNanos = nanoTime.getAsLong();
    lastBatchNanos = epochStartNanos;
    epochRows = 0;
    bar.open(
        String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs),
        totalSteps(),
        firstStep < 0 ? (long) (epoch - 1) * batchesPerEpoch : step,
        Duration.ofNanos(epochStartNanos - startNanos),
        200,
        this::etaSeconds);
  }

  @Override
  public void onBatchEnd(int epoch, long taken, double batchLoss) {
    if (firstStep < 0) {
      firstStep = taken - 1;
    }
    step = taken;
    loss = batchLoss;
    lastBatchNanos = nanoTime.getAsLong();
  }

  @Override
  public void afterStep(Batches.Batch batch) {
    epochRows += batch.size();
    if (bar.open()) {
      bar.stepTo(step);
      bar.message(
          String.format(
              Locale.ROOT, "loss %.4f, %s samples/s", loss, Numbers.rate(samplesPerSecond())));
    }
  }

  /** A run stopped mid-epoch clears its bar, so the line that says so stands alone. */
  @Override
  public void onInterrupted(TrainState state) {
    bar.close();
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    bar.close();
    int width = Integer.toString(epochs).length();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "epoch %" + width + "d/%d  loss %.4f  acc %.4f",
                m.epoch(),
                epochs,
                m.trainLoss(),
                m.trainAccuracy()));
    if (!Double.isNaN(m.validationAccuracy())) {
      line.append(
          String.format(
              Locale.ROOT,
              "  val_loss %.4f  val_acc %.4f",
              m.validationLoss(),
              m.validationAccuracy()));
    }
    line.append(String.format(Locale.ROOT, "  %.2fs", m.seconds()));
    if (epochRows > 0) {
      line.append("  ").append(Numbers.rate(samplesPerSecond())).append(" samples/s");
    }
    if (m.epoch() < epochs && m.stopReason() == null) {
      etaSeconds().ifPresent(s -> line.append("  ETA ").append(Numbers.duration(s)));
    }
    out.println(line);
    out.flush();
  }

  private long totalSteps() {
    return (long) epochs * batchesPerEpoch;
  }

  /** This epoch's training rows per second, from its start to its last step. */
  private double samplesPerSecond() {
    double seconds = (lastBatchNanos - epochStartNanos) / 1e9;
    return seconds > 0 ? epochRows / seconds : Double.NaN;
  }

  /** The whole run's time left, once a step has been timed. */
  private Optional<Double> etaSeconds() {
    long timed = firstStep < 0 ? 0 : step - firstStep;
    return TerminalBar.timeLeft(nanoTime.getAsLong() - startNanos, timed, totalSteps() - step);
  }
}
