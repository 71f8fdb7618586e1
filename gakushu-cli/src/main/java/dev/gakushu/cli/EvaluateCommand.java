package dev.gakushu.cli;

import dev.gakushu.Version;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.io.ModelFile;
import dev.gakushu.report.ConfusionChart;
import dev.gakushu.train.ClassificationReport;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.ModelEvaluation;
import dev.gakushu.train.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "evaluate",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu evaluate --model runs/first/model.safetensors --out runs/first-test",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures a saved model: loss, accuracy, precision, recall, F1 and support per class, confusion matrix.",
      "By default on the test part of the data it was trained on, split again with its seed; writes",
      "evaluation.json and confusion.png into a run directory."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "A model.safetensors written by train.")
  Path modelFile;

  @Option(
      names = "--data",
      completionCandidates = Candidates.DataSets.class,
      paramLabel = "SOURCE",
      description =
          "Data to evaluate on (default: the data set the model was trained on, found by its name; "
              + "data from a file must be given here).")
  String data;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description = "CSV label column (default: the last).")
  String label;

  @Option(
      names = "--split",
      defaultValue = "test",
      paramLabel = "PART",
      description =
          "test, validation, train (the model's split of its data) or all rows (default: ${DEFAULT-VALUE}).")
  String part;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run directory (default: runs/<time>-evaluate).")
  Path out;

  @Override
  public Integer call() {
    if (!List.of("test", "validation", "train", "all").contains(part)) {
      throw Checks.invalid(spec, "--split", "'" + part + "'", "test, validation, train or all");
    }
    Checks.modelFile(spec, modelFile);
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    ModelFile.Model model = ModelFile.read(modelFile, Runtime.getRuntime().availableProcessors());
    ModelEvaluation.Result result =
        ModelEvaluation.evaluate(
            model,
            data,
            label,
            ModelEvaluation.Part.valueOf(part.toUpperCase(Locale.ROOT)),
            new DataAccess(
                DataLocations.fromEnvironment(null), false, ConsoleDownloadProgress.forTerminal()));
    ClassificationReport report = result.report();
    String source = result.source();
    RunDirectory run =
        out != null
            ? RunDirectory.createAt(out)
            : RunDirectory.createUnder(Path.of("runs"), "evaluate");
    try (run) {
      run.writeJson("evaluation.json", json(report, source));
      FigureFiles.STANDARD.write(
          run,
          "confusion.png",
          () ->
              ConfusionChart.of(
                  report.classNames(),
                  report.confusion(),
                  "Confusion matrix, " + source + " (" + part + ")"),
          Gakushu.warnings(spec.commandLine().getErr()));
      print(spec.commandLine().getOut(), report, source, run.path());
    }
    return 0;
  }

  private Map<String, Object> json(ClassificationReport r, String source) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("gakushu_version", Version.get());
    j.put("model", modelFile.toString());
    j.put("data", source);
    j.put("split", part);
    j.put("rows", r.rows());
    j.put("loss", r.loss());
    j.put("accuracy", r.accuracy());
    List<Map<String, Object>> perClass = new ArrayList<>();
    for (int c = 0; c < r.classNames().size(); c++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("class", r.classNames().get(c));
      m.put("precision", finite(r.precision(c)));
      m.put("recall", finite(r.recall(c)));
      m.put("f1", finite(r.f1(c)));
      m.put("support", r.support(c));
      perClass.add(m);
    }
    j.put("per_class", perClass);
    j.put("macro_avg", averages(r::macroAverage, r));
    j.put("weighted_avg", averages(r::weightedAverage, r));
    j.put("confusion", r.confusion());
    return j;
  }

  /** Precision, recall and F1 averaged by {@code average} (undefined values count as 0). */
  private static Map<String, Object> averages(
      ToDoubleFunction<IntToDoubleFunction> average, ClassificationReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("precision", finite(average.applyAsDouble(r::precision)));
    m.put("recall", finite(average.applyAsDouble(r::recall)));
    m.put("f1", finite(average.applyAsDouble(r::f1)));
    m.put("support", r.rows());
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private void print(PrintWriter out, ClassificationReport r, String source, Path run) {
    out.printf(
        Locale.ROOT,
        "%s on %s (%s, %d rows): loss %.4f, accuracy %.4f%n",
        modelFile,
        source,
        part,
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
