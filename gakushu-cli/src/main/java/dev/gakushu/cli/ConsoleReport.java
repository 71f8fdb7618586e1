package dev.gakushu.cli;

import dev.gakushu.train.EpochMetrics;
import dev.gakushu.train.TrainListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training on the terminal: a progress bar over each epoch's batches (only when standard
 * output is a terminal; it is cleared when the epoch ends) and one line of metrics per epoch.
 */
final class ConsoleReport implements TrainListener {
  private final PrintWriter out;
  private final boolean showBar;
  private int epochs;
  private int batchesPerEpoch;
  private ProgressBar bar;

  ConsoleReport(PrintWriter out, boolean showBar) {
    this.out = out;
    this.showBar = showBar;
  }

  @Override
  public void onTrainStart(int epochs, int batchesPerEpoch) {
    this.epochs = epochs;
    this.batchesPerEpoch = batchesPerEpoch;
  }

  @Override
  public void onEpochStart(int epoch) {
    if (showBar) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
              .setInitialMax(batchesPerEpoch)
              .setStyle(ProgressBarStyle.ASCII)
              .setUpdateIntervalMillis(200)
              .setConsumer(new ConsoleProgressBarConsumer(System.out))
              .clearDisplayOnFinish()
              .build();
    }
  }

  @Override
  public void onBatchEnd(int epoch, long step, double loss) {
    if (bar != null) {
      bar.step();
      bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
    }
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    int width = Integer.toString(epochs).length();
    String line =
        String.format(
            Locale.ROOT,
            "epoch %" + width + "d/%d  loss %.4f  acc %.4f",
            m.epoch(),
            epochs,
            m.trainLoss(),
            m.trainAccuracy());
    if (!Double.isNaN(m.validationAccuracy())) {
      line +=
          String.format(
              Locale.ROOT,
              "  val_loss %.4f  val_acc %.4f",
              m.validationLoss(),
              m.validationAccuracy());
    }
    out.println(line + String.format(Locale.ROOT, "  %.2fs", m.seconds()));
    out.flush();
  }
}
