package dev.gakushu.train;

import dev.gakushu.Version;
import dev.gakushu.report.ConfusionChart;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * What an evaluation of a saved model leaves in its run directory: {@value #JSON} (loss, accuracy,
 * precision, recall, F1 and support per class with their macro and weighted averages, as
 * scikit-learn's {@code classification_report}, and the confusion matrix; a measure that is
 * undefined, 0/0, is null) and the figure {@value #FIGURE}.
 */
public final class EvaluationFiles {
  public static final String JSON = "evaluation.json";
  public static final String FIGURE = "confusion.png";

  private EvaluationFiles() {}

  /**
   * Writes both files of {@code result}, the measurement of {@code model}, into {@code dir}; a
   * figure that cannot be drawn is a warning.
   */
  public static void write(
      RunDirectory dir,
      Path model,
      ModelEvaluation.Result result,
      FigureFiles figures,
      Consumer<String> warnings) {
    ClassificationReport report = result.report();
    dir.writeJson(JSON, json(model, result));
    figures.write(
        dir,
        FIGURE,
        () ->
            ConfusionChart.of(
                report.classNames(),
                report.confusion(),
                "Confusion matrix, " + result.source() + " (" + result.part().id() + ")"),
        warnings);
  }

  private static Map<String, Object> json(Path model, ModelEvaluation.Result result) {
    ClassificationReport r = result.report();
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("gakushu_version", Version.get());
    j.put("model", model.toString());
    j.put("data", result.source());
    j.put("split", result.part().id());
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
}
