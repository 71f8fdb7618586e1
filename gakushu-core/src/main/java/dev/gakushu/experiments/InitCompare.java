package dev.gakushu.experiments;

import dev.gakushu.init.InitScheme;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.spec.RunSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * weight_init_compare.py: the same 784-[100]×4-10 ReLU network initialised with std 0.01, Xavier
 * (the book's N(0, 1/n)) and He, trained by SGD (lr 0.01), batch 128, 2,000 iterations, the same
 * batches for all; the smoothed training loss.
 */
public final class InitCompare implements Experiment {
  @Override
  public String name() {
    return "init-compare";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed) {
    long start = System.nanoTime();
    int iterations = quick ? 60 : 2000;
    Map<String, RunSpec> specs = new LinkedHashMap<>();
    RunSpec.Builder base = BookLoop.book(data, seed).hidden(100, 100, 100, 100).batchSize(128);
    specs.put("std=0.01", base.init(InitScheme.NORMAL).initStd(0.01).build());
    specs.put("Xavier", base.init(InitScheme.XAVIER).initStd(null).build());
    specs.put("He", base.init(InitScheme.HE).initStd(null).build());
    Map<String, double[]> losses = new LinkedHashMap<>();
    specs.forEach(
        (label, spec) ->
            losses.put(
                label,
                BookLoop.lossesAfterSteps(
                    BookLoop.network(spec, data.train()),
                    spec.buildOptimizer(),
                    data.train(),
                    spec.loop().batchSize(),
                    iterations,
                    seed)));
    XYChart chart =
        LineCharts.chart(
            "Weight initialisation on " + data.name() + " (smoothed training loss)",
            "iterations",
            "loss",
            900,
            560);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(2.5);
    Map<String, Double> finalLoss = new LinkedHashMap<>();
    int c = 0;
    for (var e : losses.entrySet()) {
      double[] s = Smoothing.smooth(e.getValue());
      LineCharts.line(chart, e.getKey(), LineCharts.range(iterations), s, c++, false);
      finalLoss.put(
          e.getKey(), OptimizerCompare.mean(s, Math.max(0, iterations - 100), iterations));
    }
    double ln10 = Math.log(data.train().classCount());
    List<Finding> findings = new ArrayList<>();
    findings.add(
        new Finding(
            "std-0.01-stalls",
            "With std 0.01 the loss stays near ln(classes) = "
                + String.format("%.3f", ln10)
                + " (within 0.05): the activations vanish and nothing is learnt",
            Map.of("final_loss", finalLoss.get("std=0.01"), "ln_classes", ln10),
            Math.abs(finalLoss.get("std=0.01") - ln10) < 0.05));
    findings.add(
        new Finding(
            "he-and-xavier-learn",
            "Xavier and He both learn: their final loss is below half of ln(classes)",
            finalLoss,
            finalLoss.get("He") < ln10 / 2 && finalLoss.get("Xavier") < ln10 / 2));
    findings.add(
        new Finding(
            "he-fastest",
            "He, made for ReLU, ends lowest",
            finalLoss,
            finalLoss.get("He") <= finalLoss.get("Xavier")
                && finalLoss.get("He") <= finalLoss.get("std=0.01")));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data", data.name());
    config.put("network", BookLoop.network(specs.get("He"), data.train()).describe());
    config.put("optimizer", specs.get("He").buildOptimizer().toString());
    config.put("batch_size", 128);
    config.put("iterations", iterations);
    return new ExperimentResult(
        name(),
        "Comparing weight initialisations",
        Figure.of(chart),
        Map.of("loss", losses),
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }
}
