package dev.gakushu.experiments;

import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.spec.RunSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * optimizer_compare_mnist.py: the 784-100-100-100-100-10 ReLU network with He initialisation,
 * trained by SGD, Momentum, AdaGrad and Adam (and Nesterov, RMSprop) at the book's default
 * settings, batch 128, 2,000 iterations, the same batches for all; the smoothed training loss.
 */
public final class OptimizerCompare implements Experiment {
  static final List<String> OPTIMIZERS =
      List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam");

  @Override
  public String name() {
    return "optimizer-compare";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed) {
    long start = System.nanoTime();
    int iterations = quick ? 60 : 2000;
    Map<String, Network> nets = new LinkedHashMap<>();
    Map<String, Optimizer> opts = new LinkedHashMap<>();
    for (String id : OPTIMIZERS) {
      RunSpec spec =
          BookLoop.book(data, seed).hidden(100, 100, 100, 100).optimizer(id).batchSize(128).build();
      nets.put(id, BookLoop.network(spec, data.train()));
      opts.put(id, spec.buildOptimizer());
    }
    Map<String, double[]> losses = new LinkedHashMap<>();
    for (String id : OPTIMIZERS) {
      losses.put(
          id,
          BookLoop.lossesAfterSteps(
              nets.get(id), opts.get(id), data.train(), 128, iterations, seed));
    }
    Map<String, double[]> smoothed = new LinkedHashMap<>();
    losses.forEach((id, l) -> smoothed.put(id, Smoothing.smooth(l)));

    XYChart chart =
        LineCharts.chart(
            "Optimizers on " + data.name() + " (smoothed training loss)",
            "iterations",
            "loss",
            900,
            560);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    int c = 0;
    for (var e : smoothed.entrySet()) {
      LineCharts.line(
          chart,
          OptimizerPathsFigure.label(e.getKey()),
          LineCharts.range(iterations),
          e.getValue(),
          c++,
          false);
    }
    Map<String, Double> finalLoss = new LinkedHashMap<>();
    smoothed.forEach((id, s) -> finalLoss.put(id, mean(s, Math.max(0, s.length - 100), s.length)));
    List<String> order = new ArrayList<>(finalLoss.keySet());
    order.sort(Comparator.comparing(finalLoss::get));
    List<Finding> findings = new ArrayList<>();
    findings.add(
        new Finding(
            "adaptive-lowest",
            "As in the book's figure, an adaptive method (AdaGrad or Adam) ends "
                + "with the lowest smoothed loss (mean of the last 100 iterations)",
            Map.of("order", order, "final_loss", finalLoss),
            order.get(0).equals("adagrad") || order.get(0).equals("adam")));
    boolean adaptiveBeatSgd =
        finalLoss.get("adagrad") < finalLoss.get("sgd")
            && finalLoss.get("adam") < finalLoss.get("sgd")
            && finalLoss.get("momentum") < finalLoss.get("sgd");
    findings.add(
        new Finding(
            "sgd-slowest",
            "As in the book, SGD learns slowest: Momentum, AdaGrad and Adam all end lower",
            finalLoss,
            adaptiveBeatSgd));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("data", data.name());
    config.put("network", nets.get("sgd").describe());
    config.put("batch_size", 128);
    config.put("iterations", iterations);
    config.put("conventions", "book");
    Map<String, String> settings = new LinkedHashMap<>();
    opts.forEach((id, o) -> settings.put(id, o.toString()));
    config.put("optimizers", settings);
    return new ExperimentResult(
        name(),
        "Comparing optimizers",
        Figure.of(chart),
        Map.of("loss", losses, "smoothed", smoothed),
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / Math.max(1, to - from);
  }
}
