package dev.gakushu.tune;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.Split;
import dev.gakushu.run.ResultsFile;
import dev.gakushu.run.RunFile;
import dev.gakushu.run.StatusFile;
import dev.gakushu.run.TrialResult;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A search directory, assembled: the search's status, its journal (through {@link Search}), then
 * {@code results.json}, the figures and {@code report.html} ({@link SearchOutputs}) and, when
 * asked, the best configuration retrained on training + validation data into {@link #BEST}. What
 * {@code train}'s {@link TrainingRun} is to a run directory, this is to a search directory; {@code
 * tune} is its flags and its printing.
 */
public final class SearchRun {
  /** The run directory of the retrained best trial, inside the search directory. */
  public static final String BEST = "best";

  /**
   * A finished search.
   *
   * @param results every finished trial, best first
   * @param narrowed each dimension's range around the best trials, for the next search
   * @param importance {@link Importance#of} the results (empty when there is none)
   * @param seconds how long the trials ran
   * @param retrained the best configuration retrained, or null when not asked or no trial finished
   */
  public record Outcome(
      List<TrialResult> results,
      Map<String, String> narrowed,
      Map<String, Double> importance,
      double seconds,
      TrainingRun.Outcome retrained) {}

  private final Search.Settings settings;
  private final DataAccess access;
  private final RunDirectory dir;
  private final Search search;

  /**
   * Opens the search in {@code dir} (new, or holding the journal of a search with these settings)
   * and marks it running ({@link StatusFile}).
   *
   * @param split the data the settings name, split as every trial sees it
   * @param access where the retrained run reads its data from
   */
  public SearchRun(Search.Settings settings, Split split, DataAccess access, RunDirectory dir) {
    this.settings = settings;
    this.access = access;
    this.dir = dir;
    this.search = new Search(settings, split.train(), split.validation(), dir.path());
    search.requireUsableJournal();
    dir.writeStatus(StatusFile.Written.RUNNING, null);
  }

  /**
   * Runs the trials, then writes what a finished search leaves: see {@link SearchRun}.
   *
   * @param retrainBest train the best trial's specification on training + validation data into
   *     {@link #BEST} and test it once
   * @param warnings hears each file that could not be written (a figure that could not be drawn)
   * @throws SearchInterruptedException when {@code stopRequested} stopped it (status: interrupted)
   */
  public Outcome run(
      int trials,
      int workers,
      Search.Executor executor,
      Search.Progress progress,
      BooleanSupplier stopRequested,
      boolean retrainBest,
      FigureFiles figures,
      Consumer<String> warnings) {
    long start = System.nanoTime();
    List<TrialResult> results;
    try {
      results = search.run(trials, workers, executor, progress, stopRequested);
    } catch (SearchInterruptedException e) {
      dir.writeStatus(StatusFile.Written.INTERRUPTED, e.getMessage());
      throw e;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, String> narrowed = SearchReport.narrowed(settings.space(), results);
    Map<String, Double> importance =
        Importance.of(settings.space(), results, settings.base().seed());
    TrainingRun.Outcome retrained =
        retrainBest && !results.isEmpty() ? retrain(results.get(0), figures, warnings) : null;
    double retrainedAccuracy = retrained == null ? Double.NaN : retrained.test().accuracy();
    dir.writeJson(
        RunFile.RESULTS,
        ResultsFile.toJson(
            new ResultsFile.Results(
                results,
                seconds,
                narrowed,
                importance,
                retrainedAccuracy,
                retrained == null ? null : BEST)));
    SearchOutputs.write(
        dir, settings, results, importance, seconds, retrainedAccuracy, figures, warnings);
    dir.writeStatus(StatusFile.Written.FINISHED, null);
    return new Outcome(results, narrowed, importance, seconds, retrained);
  }

  /**
   * Trains the best trial's specification on training + validation data (the search's split, so the
   * test rows are the same) into the run directory {@link #BEST} of the search directory.
   */
  private TrainingRun.Outcome retrain(
      TrialResult best, FigureFiles figures, Consumer<String> warnings) {
    var base = settings.base();
    var spec = Search.trialSpec(base, best.params()).withData(base.data().withValidationSplit(0.0));
    TrainingRun run = TrainingRun.prepare(spec, access).drawingFiguresWith(figures);
    TrainingRun.Outcome outcome;
    try (RunDirectory retrained = RunDirectory.createAt(dir.path().resolve(BEST))) {
      outcome = run.startIn(retrained, List.of());
    }
    outcome.warnings().forEach(warnings);
    return outcome;
  }
}
