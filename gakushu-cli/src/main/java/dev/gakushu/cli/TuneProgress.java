package dev.gakushu.cli;

import dev.gakushu.report.Numbers;
import dev.gakushu.run.TrialResult;
import dev.gakushu.tune.Search;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Shows a search on the terminal: one line per finished trial, with its values to 3 significant
 * digits, the trials done of all, those running, the best so far and the search's estimated time
 * left; and (only when standard output is a terminal) a progress bar over the trials between those
 * lines.
 *
 * <p>The time left is the time per trial finished so far in this process times the trials left:
 * {@code eta = elapsed / (done - doneAtStart) * (total - done)}; with several workers it counts
 * their trials in parallel.
 */
final class TuneProgress implements Search.Progress, AutoCloseable {
  private final PrintWriter out;
  private final TerminalBar bar;
  private final LongSupplier nanoTime;
  private final int total;
  private final long startNanos;
  // read by the progress bar's drawing thread too
  private volatile int done;
  private volatile int running;
  private int doneAtStart;
  private TrialResult best;

  /**
   * @param total the trials of the whole search, finished ones included
   * @param showBar whether to draw the progress bar on standard output
   */
  TuneProgress(PrintWriter out, int total, boolean showBar) {
    this(out, total, TerminalBar.standardOutput(showBar), System::nanoTime);
  }

  /**
   * @param barConsumer where the progress bar is drawn, or null for no bar
   */
  TuneProgress(PrintWriter out, int total, ProgressBarConsumer barConsumer, LongSupplier nanoTime) {
    this.out = out;
    this.total = total;
    this.bar = new TerminalBar(barConsumer);
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
  }

  @Override
  public synchronized void resumedWith(List<TrialResult> finished) {
    finished.forEach(this::consider);
    done = finished.size();
    doneAtStart = done;
    if (done > 0) {
      out.printf(Locale.ROOT, "%d of %d trials already done%s%n", done, total, bestSoFar());
      out.flush();
    }
    openBar();
  }

  @Override
  public synchronized void started(int trial) {
    running++;
    showState();
  }

  @Override
  public synchronized void finished(TrialResult r) {
    running--;
    done++;
    consider(r);
    bar.close();
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "trial %d: %s -> validation accuracy %.4f after %d epochs, %s | %d/%d done, %d running%s",
                r.trial(),
                TuneTable.values(r.params()),
                r.score(),
                r.epochs(),
                r.status(),
                done,
                total,
                running,
                bestSoFar()));
    if (done < total) {
      etaSeconds().ifPresent(s -> line.append(", ETA ").append(Numbers.duration(s)));
    }
    out.println(line);
    out.flush();
    openBar();
  }

  @Override
  public synchronized void close() {
    bar.close();
  }

  private void consider(TrialResult r) {
    if (Double.isFinite(r.score())
        && (best == null || TrialResult.BEST_FIRST.compare(r, best) < 0)) {
      best = r;
    }
  }

  private String bestSoFar() {
    return best == null
        ? ""
        : String.format(Locale.ROOT, ", best %.4f (trial %d)", best.score(), best.trial());
  }

  private void openBar() {
    if (done >= total) {
      return;
    }
    Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - startNanos);
    bar.open("trials", total, done, elapsed, 500, this::etaSeconds);
    showState();
  }

  private void showState() {
    bar.message(running + " running" + bestSoFar());
  }

  /** The search's time left, once a trial of this process has finished. */
  private Optional<Double> etaSeconds() {
    return TerminalBar.timeLeft(
        nanoTime.getAsLong() - startNanos, done - doneAtStart, total - done);
  }
}
