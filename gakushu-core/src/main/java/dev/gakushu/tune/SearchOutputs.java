package dev.gakushu.tune;

import dev.gakushu.report.Figure;
import dev.gakushu.report.Numbers;
import dev.gakushu.report.SearchPage;
import dev.gakushu.run.RunFile;
import dev.gakushu.run.TrialResult;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The files a finished search writes for people: best.png, scatter.png, parallel.png,
 * importance.png (when there is an importance) and report.html, the page that leads with the best
 * trial and holds those figures, the importance and every trial. {@code tune} writes them with
 * this; a program that ran a {@link Search} writes them the same way.
 */
public final class SearchOutputs {
  private SearchOutputs() {}

  /**
   * Writes the figures and report.html into {@code dir}. A figure that cannot be drawn is one
   * warning, and the page is written without it.
   *
   * @param results every finished trial, best first ({@link TrialResult#BEST_FIRST}), as {@link
   *     Search#run} returns them
   * @param importance {@link Importance#of} the results (empty when there is none)
   * @param seconds how long the search ran
   * @param retrainedTestAccuracy the test accuracy of the best configuration retrained on training
   *     and validation data, or NaN when it was not retrained
   */
  public static void write(
      RunDirectory dir,
      Search.Settings settings,
      List<TrialResult> results,
      Map<String, Double> importance,
      double seconds,
      double retrainedTestAccuracy,
      FigureFiles figures,
      Consumer<String> warnings) {
    SearchSpace space = settings.space();
    List<SearchPage.Image> images = new ArrayList<>();
    if (!results.isEmpty()) {
      draw(
          dir,
          figures,
          warnings,
          images,
          "best.png",
          "The best trials' accuracy per epoch",
          () -> SearchReport.bestCurves(results));
    }
    draw(
        dir,
        figures,
        warnings,
        images,
        "scatter.png",
        "Validation accuracy against each hyperparameter",
        () -> SearchReport.scatter(space, results));
    draw(
        dir,
        figures,
        warnings,
        images,
        "parallel.png",
        "Every trial across the hyperparameters, coloured by validation accuracy",
        () -> SearchReport.parallelCoordinates(space, results));
    if (!importance.isEmpty()) {
      draw(
          dir,
          figures,
          warnings,
          images,
          "importance.png",
          "Importance (fANOVA)",
          () -> SearchReport.importance(importance));
    }
    String title = "Gakushu search " + dir.path().getFileName();
    String page =
        SearchPage.render(
            title,
            headline(results),
            detail(settings, results, seconds, retrainedTestAccuracy),
            images,
            importance,
            trials(space, results),
            settingsShown(settings, results),
            settings.describe(),
            RunFile.JOURNAL);
    dir.write(RunFile.REPORT, page.getBytes(StandardCharsets.UTF_8));
  }

  private static void draw(
      RunDirectory dir,
      FigureFiles figures,
      Consumer<String> warnings,
      List<SearchPage.Image> images,
      String file,
      String title,
      Supplier<Figure> figure) {
    figures
        .draw(file, figure, warnings)
        .ifPresent(
            png -> {
              dir.write(file, png);
              images.add(new SearchPage.Image(title, png));
            });
  }

  private static String headline(List<TrialResult> results) {
    return results.isEmpty() || !Double.isFinite(results.get(0).score())
        ? "No trial has a validation accuracy"
        : "Best validation accuracy " + Numbers.percent(results.get(0).score());
  }

  private static String detail(
      Search.Settings settings,
      List<TrialResult> results,
      double seconds,
      double retrainedTestAccuracy) {
    StringBuilder d = new StringBuilder();
    if (!results.isEmpty()) {
      TrialResult best = results.get(0);
      List<String> values = new ArrayList<>();
      best.params().forEach((name, v) -> values.add(name + " " + Numbers.format(v)));
      d.append(
          String.format(
              Locale.ROOT,
              "(trial %d: %s; %d %s, %s) · ",
              best.trial(),
              String.join(", ", values),
              best.epochs(),
              best.epochs() == 1 ? "epoch" : "epochs",
              best.status()));
    }
    d.append(Numbers.count(results.size()))
        .append(results.size() == 1 ? " trial" : " trials")
        .append(" in ")
        .append(Numbers.duration(seconds))
        .append(", sampler ")
        .append(settings.sampler())
        .append(", scheduler ")
        .append(settings.scheduler());
    if (Double.isFinite(retrainedTestAccuracy)) {
      d.append(" · the best configuration retrained on training + validation data: test accuracy ")
          .append(Numbers.percent(retrainedTestAccuracy));
    }
    return d.toString();
  }

  private static SearchPage.Table trials(SearchSpace space, List<TrialResult> results) {
    List<String> columns =
        new ArrayList<>(List.of("rank", "trial", "validation accuracy", "epochs", "status"));
    space.dimensions().forEach(dim -> columns.add(dim.name()));
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      TrialResult r = results.get(i);
      List<Object> row =
          new ArrayList<>(List.of(i + 1, r.trial(), r.score(), r.epochs(), r.status()));
      space.dimensions().forEach(dim -> row.add(r.params().get(dim.name())));
      rows.add(row);
    }
    return new SearchPage.Table(columns, rows);
  }

  private static Map<String, Object> settingsShown(
      Search.Settings settings, List<TrialResult> results) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("data", settings.data());
    s.put("space", settings.space().toString());
    s.put("sampler", settings.sampler().toString());
    s.put("scheduler", settings.scheduler());
    s.put("epochs per trial", settings.base().loop().epochs());
    s.put("trials", results.size());
    s.put("seed", settings.seed());
    s.put(
        "narrowed ranges",
        String.join(" ", SearchReport.narrowed(settings.space(), results).values()));
    return s;
  }
}
