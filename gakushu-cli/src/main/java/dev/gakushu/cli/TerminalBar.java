package dev.gakushu.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar between the lines a command prints: opened over a count with the time left the
 * command estimates, moved, given a message, and cleared from the terminal when closed. Without a
 * consumer nothing is drawn.
 */
final class TerminalBar {
  private final ProgressBarConsumer consumer;
  private ProgressBar bar;

  /**
   * @param consumer where the bar is drawn, or null for no bar
   */
  TerminalBar(ProgressBarConsumer consumer) {
    this.consumer = consumer;
  }

  /** Where a bar on standard output is drawn, or null when none is to be shown. */
  static ProgressBarConsumer standardOutput(boolean show) {
    return show ? new ConsoleProgressBarConsumer(System.out) : null;
  }

  /** Whether a bar is open now. */
  boolean open() {
    return bar != null;
  }

  /**
   * Opens a bar (when bars are drawn) at {@code done} of {@code max}, {@code elapsed} after the
   * start, redrawn every {@code updateMillis}.
   *
   * @param etaSeconds the time left, once it can be estimated
   */
  void open(
      String task,
      long max,
      long done,
      Duration elapsed,
      int updateMillis,
      Supplier<Optional<Double>> etaSeconds) {
    if (consumer == null) {
      return;
    }
    bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(max)
            .startsFrom(done, elapsed)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(updateMillis)
            .setEtaFunction(
                state -> etaSeconds.get().map(s -> Duration.ofMillis(Math.round(s * 1e3))))
            .setConsumer(consumer)
            .clearDisplayOnFinish()
            .build();
  }

  void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  void message(String text) {
    if (bar != null) {
      bar.setExtraMessage(text);
    }
  }

  /** Closes the bar, if one is open, clearing it from the terminal. */
  void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /**
   * The time left at the pace so far, once something has been timed: {@code elapsed / timed ×
   * left}, in seconds.
   *
   * @param timed the units done in {@code elapsedNanos}
   * @param left the units still to do
   */
  static Optional<Double> timeLeft(long elapsedNanos, long timed, long left) {
    if (timed <= 0) {
      return Optional.empty();
    }
    return Optional.of(elapsedNanos / 1e9 / timed * left);
  }
}
