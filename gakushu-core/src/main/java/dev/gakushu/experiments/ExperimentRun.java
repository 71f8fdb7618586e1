package dev.gakushu.experiments;

import dev.gakushu.Version;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.HtmlReport;
import dev.gakushu.run.RunFile;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The experiments' run directory, assembled: each experiment's figure (PNG and SVG), its numbers
 * ({@code NAME.json}), {@code findings.json} and {@code config.json} (its networks' run
 * specifications, the seed, the size), in a folder of its own when several run, then one {@code
 * report.html} over them all. What {@code train}'s {@code TrainingRun} is to a run directory, this
 * is to an experiment's; {@code experiment} is its flags and its printing.
 */
public final class ExperimentRun {
  /** Hears the experiments as they start and end. */
  public interface Listener {
    /** Before experiment {@code number} (from 1) of {@code total} runs. */
    void started(Experiment experiment, int number, int total);

    /** After it ran, its files written. */
    void finished(ExperimentResult result, int number, int total);
  }

  private final List<Experiment> experiments;
  private final BookData data;
  private final boolean quick;
  private final long seed;
  private final int threads;

  /**
   * @param quick the reduced size, see {@link Experiment#run}
   * @param threads at least 1; the results are the same bits for any count
   */
  public ExperimentRun(
      List<Experiment> experiments, BookData data, boolean quick, long seed, int threads) {
    this.experiments = List.copyOf(experiments);
    this.data = data;
    this.quick = quick;
    this.seed = seed;
    this.threads = threads;
  }

  /**
   * Runs the experiments in order into {@code run} and writes the report.
   *
   * @param warnings hears each figure that could not be drawn (its files are left out)
   * @return every experiment's result, in order
   */
  public List<ExperimentResult> runIn(
      RunDirectory run, Listener listener, FigureFiles figures, Consumer<String> warnings) {
    List<ExperimentResult> results = new ArrayList<>();
    List<String> images = new ArrayList<>();
    boolean one = experiments.size() == 1;
    for (Experiment e : experiments) {
      int number = results.size() + 1;
      listener.started(e, number, experiments.size());
      ExperimentResult r = e.run(data, quick, seed, threads);
      if (one) {
        write(run, r, figures, warnings);
      } else {
        try (RunDirectory own = RunDirectory.createAt(run.path().resolve(r.name()))) {
          write(own, r, figures, warnings);
        }
      }
      results.add(r);
      images.add((one ? "" : r.name() + "/") + r.name() + ".png");
      listener.finished(r, number, experiments.size());
    }
    String title = "Gakushu — chapter 6 experiments" + (quick ? " (quick size)" : "");
    String note =
        "data: "
            + data.name()
            + (data.note().isEmpty() ? "" : " (" + data.note() + ")")
            + "; seed "
            + seed;
    run.write(
        RunFile.REPORT,
        HtmlReport.render(title, results, images, note).getBytes(StandardCharsets.UTF_8));
    return results;
  }

  /** The report's path in {@code run}. */
  public static Path report(RunDirectory run) {
    return run.path().resolve(RunFile.REPORT);
  }

  private void write(
      RunDirectory target, ExperimentResult r, FigureFiles figures, Consumer<String> warnings) {
    if (figures.write(target, r.name() + ".png", r::figure, warnings)) {
      figures.write(target, r.name() + ".svg", r::figure, warnings);
    }
    target.writeJson(r.name() + ".json", r.data());
    target.writeJson(RunFile.FINDINGS, r.findings());
    Map<String, Object> config = new LinkedHashMap<>(r.config());
    config.put("experiment", r.name());
    config.put("seed", seed);
    config.put("quick", quick);
    config.put("gakushu_version", Version.get());
    config.put("seconds", r.seconds());
    target.writeJson(RunFile.CONFIG, config);
  }
}
