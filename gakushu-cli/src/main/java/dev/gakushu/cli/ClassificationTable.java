package dev.gakushu.cli;

import dev.gakushu.train.ClassificationReport;
import dev.gakushu.train.ModelEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** What evaluate prints: a model's measures per class, its confusion matrix, its run directory. */
final class ClassificationTable {
  private ClassificationTable() {}

  /**
   * The measures of {@code model} as scikit-learn's {@code classification_report} prints them (with
   * four decimals), the confusion matrix, and the run directory.
   */
  static void print(PrintWriter out, Path model, ModelEvaluation.Result result, Path run) {
    ClassificationReport r = result.report();
    out.printf(
        Locale.ROOT,
        "%s on %s (%s, %d rows): loss %.4f, accuracy %.4f%n",
        model,
        result.source(),
        result.part().id(),
        r.rows(),
        r.loss(),
        r.accuracy());
    // scikit-learn's classification_report, with four decimals
    String metrics = "%-14s %9.4f %9.4f %9.4f %9d%n";
    out.printf(
        Locale.ROOT,
        "%-14s %9s %9s %9s %9s%n",
        "class",
        "precision",
        "recall",
        "f1-score",
        "support");
    for (int c = 0; c < r.classNames().size(); c++) {
      out.printf(
          Locale.ROOT,
          metrics,
          r.classNames().get(c),
          r.precision(c),
          r.recall(c),
          r.f1(c),
          r.support(c));
    }
    out.printf(
        Locale.ROOT, "%-14s %9s %9s %9.4f %9d%n", "accuracy", "", "", r.accuracy(), r.rows());
    out.printf(
        Locale.ROOT,
        metrics,
        "macro avg",
        r.macroAverage(r::precision),
        r.macroAverage(r::recall),
        r.macroAverage(r::f1),
        r.rows());
    out.printf(
        Locale.ROOT,
        metrics,
        "weighted avg",
        r.weightedAverage(r::precision),
        r.weightedAverage(r::recall),
        r.weightedAverage(r::f1),
        r.rows());
    out.println("confusion matrix (rows: true class, columns: predicted):");
    for (long[] row : r.confusion()) {
      StringBuilder line = new StringBuilder();
      for (long v : row) {
        line.append(String.format(Locale.ROOT, "%6d", v));
      }
      out.println(line);
    }
    out.printf("run directory: %s%n", run);
  }
}
