package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.Batches;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.tensor.Matrix;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;

/**
 * The training display on a made-up clock: 3 epochs of 2 batches of 10 rows, one second per batch
 * and half a second of validation.
 */
class ConsoleReportTest {
  private static final Batches.Batch TEN_ROWS = new Batches.Batch(new Matrix(10, 1), new int[10]);

  private long nanos;

  /** Collects what the bar draws. */
  private static final class Drawn implements ProgressBarConsumer {
    final List<String> frames = new ArrayList<>();

    @Override
    public synchronized void accept(String rendered) {
      frames.add(rendered);
    }

    @Override
    public int getMaxRenderedLength() {
      return 160;
    }

    @Override
    public void close() {}
  }

  private void trainOneEpoch(ConsoleReport report) {
    report.onTrainStart(3, 2);
    report.onEpochStart(1);
    for (long step = 1; step <= 2; step++) {
      nanos += 1_000_000_000L;
      report.onBatchEnd(1, step, 0.5);
      report.afterStep(TEN_ROWS);
    }
    nanos += 500_000_000L;
    report.onEpochEnd(new EpochMetrics(1, 2, 0.1, 0.5, 0, 0, 0.8, 0.6, 0.7, 2.5, null));
  }

  @Test
  void eachEpochLineShowsItsSamplesPerSecondAndTheWholeRunsTimeLeft() {
    StringWriter out = new StringWriter();
    trainOneEpoch(new ConsoleReport(new PrintWriter(out), null, () -> nanos));
    // 20 rows in 2 s of steps; 2.5 s for 2 of 6 steps, so 4 steps left take 5 s
    assertThat(out.toString())
        .isEqualTo(
            "epoch 1/3  loss 0.5000  acc 0.8000  val_loss 0.6000  val_acc 0.7000  2.50s"
                + "  10 samples/s  ETA 5.00 s"
                + System.lineSeparator());
  }

  @Test
  void theBarCoversTheWholeRunWithItsSpeedAndTimeLeft() {
    StringWriter out = new StringWriter();
    Drawn drawn = new Drawn();
    trainOneEpoch(new ConsoleReport(new PrintWriter(out), drawn, () -> nanos));
    assertThat(drawn.frames)
        .anySatisfy(
            frame ->
                assertThat(frame)
                    .contains("epoch 1/3")
                    .contains("2/6")
                    .contains("10 samples/s")
                    .contains("0:00:05"));
  }
}
