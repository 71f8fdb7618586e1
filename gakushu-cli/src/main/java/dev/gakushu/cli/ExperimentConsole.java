package dev.gakushu.cli;

import dev.gakushu.experiments.Experiment;
import dev.gakushu.experiments.ExperimentRun;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Prints each experiment as it starts and ends, with a bar while it runs on a terminal. */
final class ExperimentConsole implements ExperimentRun.Listener {
  private final PrintWriter stdout;
  private final long start;
  private ProgressBar bar;

  private final boolean quick;
  private final boolean showBar;

  ExperimentConsole(PrintWriter stdout, long start, boolean quick, boolean showBar) {
    this.stdout = stdout;
    this.start = start;
    this.quick = quick;
    this.showBar = showBar;
  }

  @Override
  public void started(Experiment e, int number, int total) {
    stdout.printf(
        Locale.ROOT,
        "[%d/%d] running %s%s ...%n",
        number,
        total,
        e.name(),
        quick ? " (quick)" : "");
    stdout.flush();
    bar = showBar ? bar(e, number - 1, total, start) : null;
  }

  @Override
  public void finished(ExperimentResult r, int number, int total) {
    if (bar != null) {
      bar.close();
    }
    for (Finding f : r.findings()) {
      stdout.printf("  [%s] %s%n      %s%n", f.verdict().words(), f.claim(), f.result());
    }
    stdout.printf(
        Locale.ROOT,
        "  %s (%d/%d done, %s in all)%n",
        Numbers.duration(r.seconds()),
        number,
        total,
        Numbers.duration((System.nanoTime() - start) / 1e9));
    stdout.flush();
  }

  /**
   * A bar over the experiments while {@code running} runs: how many are done, the time since the
   * first began, and which one is running (cleared when it ends).
   */
  private static ProgressBar bar(Experiment running, int done, int total, long startNanos) {
    return new ProgressBarBuilder()
        .setTaskName("experiments")
        .setInitialMax(total)
        .startsFrom(done, Duration.ofNanos(System.nanoTime() - startNanos))
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .hideEta()
        .setConsumer(new ConsoleProgressBarConsumer(System.out))
        .clearDisplayOnFinish()
        .build()
        .setExtraMessage("running " + running.name());
  }
}
