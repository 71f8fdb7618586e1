package dev.gakushu.experiments;

import dev.gakushu.data.Dataset;
import dev.gakushu.spec.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.knowm.xchart.XYChart;

/**
 * Networks compared by their training loss, as the book's scripts draw it: each network of a
 * comparison trained for the same book batches ({@link BookLoop#lossesAfterSteps}), its loss after
 * every step, smoothed ({@link Smoothing}) and drawn on one chart, and its final smoothed loss
 * ({@link FinalLoss}).
 *
 * @param losses each network's loss after every step, by its label
 * @param smoothed the same, smoothed
 * @param finalLoss each network's final smoothed loss
 */
record LossCurves(
    Map<String, double[]> losses,
    Map<String, double[]> smoothed,
    Map<String, Double> finalLoss,
    XYChart chart) {

  /**
   * Trains each network of {@code networks} (by label, at once on {@code threads} threads) for
   * {@code iterations} book batches of {@code data} from the stream {@code seed}.
   *
   * @param title the chart's title
   * @param name how the chart's legend names a network's label
   */
  static LossCurves train(
      Map<String, RunSpec> networks,
      Dataset data,
      int iterations,
      long seed,
      int threads,
      String title,
      UnaryOperator<String> name) {
    Map<String, Concurrently.Job<double[]>> runs = new LinkedHashMap<>();
    networks.forEach(
        (label, spec) ->
            runs.put(
                label,
                productThreads ->
                    BookLoop.lossesAfterSteps(
                        spec,
                        BookLoop.network(spec, data, productThreads),
                        data,
                        iterations,
                        seed)));
    Map<String, double[]> losses = Concurrently.run(threads, runs);
    Map<String, double[]> smoothed = new LinkedHashMap<>();
    losses.forEach((label, l) -> smoothed.put(label, Smoothing.smooth(l)));
    XYChart chart = LineCharts.chart(title, "iterations", "loss", 900, 560);
    LineCharts.fitYAxis(chart, smoothed.values());
    Map<String, Double> finalLoss = new LinkedHashMap<>();
    int c = 0;
    for (var e : smoothed.entrySet()) {
      LineCharts.line(
          chart, name.apply(e.getKey()), LineCharts.range(iterations), e.getValue(), c++, false);
      finalLoss.put(e.getKey(), FinalLoss.of(e.getValue()));
    }
    return new LossCurves(losses, smoothed, finalLoss, chart);
  }
}
