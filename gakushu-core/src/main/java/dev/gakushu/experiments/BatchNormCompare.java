package dev.gakushu.experiments;

import dev.gakushu.data.Batches;
import dev.gakushu.data.Dataset;
import dev.gakushu.init.InitScheme;
import dev.gakushu.nn.Network;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.TrainListener;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * batch_norm_test.py: the 784-[100]×5-10 ReLU network with and without BatchNorm, at 16 initial
 * weight scales from 1 to 1e-4 (logspace), on the first 1,000 training images; SGD lr 0.01, batch
 * 100; the training accuracy (evaluation mode) after every 10th update, 20 points, the same batches
 * for both; a 4×4 grid of panels.
 */
public final class BatchNormCompare implements Experiment {
  @Override
  public String name() {
    return "batch-norm";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    int scales = quick ? 2 : 16;
    int points = quick ? 3 : 20;
    Dataset train = data.firstTrainingRows(1000);
    List<XYChart> panels = new ArrayList<>();
    Map<String, Object> numbers = new LinkedHashMap<>();
    int bnHigher = 0;
    List<String> behind = new ArrayList<>();
    List<Double> behindScales = new ArrayList<>();
    EvaluationBlocks trainBlocks = new EvaluationBlocks(train);
    List<Concurrently.Job<double[]>> runs = new ArrayList<>();
    Map<String, RunSpec> networks = new LinkedHashMap<>();
    for (int k = 0; k < scales; k++) {
      long batchSeed = seed + k;
      for (boolean batchNorm : new boolean[] {false, true}) {
        RunSpec spec =
            spec(
                data, scale(k), batchNorm, BookLoop.networkSeed(seed, 2 * k + (batchNorm ? 1 : 0)));
        networks.put(
            "W std " + scaleLabel(scale(k)) + (batchNorm ? " with BN" : " without BN"), spec);
        runs.add(
            productThreads ->
                accuracyEveryTenSteps(spec, trainBlocks, points, batchSeed, productThreads));
      }
    }
    List<double[]> accuracies = Concurrently.run(threads, runs);
    for (int k = 0; k < scales; k++) {
      double scale = scale(k);
      double[] accPlain = accuracies.get(2 * k);
      double[] accBn = accuracies.get(2 * k + 1);
      if (accBn[points - 1] > accPlain[points - 1]) {
        bnHigher++;
      } else {
        behind.add(
            Numbers.sig3(scale)
                + " (BN "
                + Numbers.sig3(accBn[points - 1])
                + ", without "
                + Numbers.sig3(accPlain[points - 1])
                + ")");
        behindScales.add(scale);
      }
      String label = "W std " + scaleLabel(scale);
      XYChart panel = LineCharts.chart(label, "epoch", "accuracy", 300, 240);
      panel
          .getStyler()
          .setYAxisMin(0.0)
          .setYAxisMax(1.0)
          .setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10))
          .setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
      LineCharts.line(panel, "with BN", LineCharts.range(points), accBn, 0, false);
      LineCharts.line(panel, "without BN", LineCharts.range(points), accPlain, 1, true);
      panels.add(panel);
      numbers.put(label, Map.of("scale", scale, "with_bn", accBn, "without_bn", accPlain));
    }
    List<Finding> findings = new ArrayList<>();
    findings.add(
        Finding.of(
                "bn-higher-at-most-scales",
                "BatchNorm reaches a higher final training accuracy at most of the "
                    + scales
                    + " initial scales (the book's figure)",
                "BN ahead at "
                    + bnHigher
                    + " of "
                    + scales
                    + (behind.isEmpty()
                        ? " scales"
                        : " scales; behind or level at std " + String.join(", ", behind)),
                Map.of(
                    "scales_where_bn_is_higher",
                    bnHigher,
                    "scales",
                    scales,
                    "scales_where_bn_is_not_higher",
                    behindScales),
                bnHigher > scales / 2)
            .needsFullSize(quick));
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("data", data.name() + ", first " + train.size() + " training rows");
    notes.put("evaluations", points + ", one every 10 updates");
    Map<String, Object> config = ExperimentConfig.of(networks, notes);
    return new ExperimentResult(
        name(),
        "Batch Normalization against initial weight scales",
        new Figure(panels, 4, 300, 240),
        numbers,
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Trains the network of {@code spec} on book batches of {@code train}'s rows from the stream
   * {@code seed} and returns its accuracy on them after steps 1, 11, 21, … ({@code points} of
   * them), its matrix products on {@code productThreads} threads.
   */
  private static double[] accuracyEveryTenSteps(
      RunSpec spec, EvaluationBlocks train, int points, long seed, int productThreads) {
    Network net = BookLoop.network(spec, train.data(), productThreads);
    double[] accuracy = new double[points];
    BookLoop.train(
        spec,
        net,
        train.data(),
        (points - 1) * 10 + 1,
        seed,
        new TrainListener() {
          private int step;

          @Override
          public void afterStep(Batches.Batch batch) {
            if (step % 10 == 0) {
              accuracy[step / 10] = train.accuracy(net);
            }
            step++;
          }
        });
    return accuracy;
  }

  /** The {@code k}-th initial weight scale, 10^(−4k/15): 16 from 1 to 1e-4. */
  private static double scale(int k) {
    return StrictMath.pow(10, -4.0 * k / 15);
  }

  /** 784-100×5-10 ReLU, weights N(0, scale²), with or without BatchNorm, SGD 0.01, batch 100. */
  private static RunSpec spec(BookData data, double scale, boolean batchNorm, long seed) {
    return BookLoop.book(data, seed)
        .hidden(100, 100, 100, 100, 100)
        .init(InitScheme.NORMAL)
        .initStd(scale)
        .batchNorm(batchNorm)
        .batchSize(100)
        .build();
  }

  /** A scale to two significant digits, as the panels name it. */
  private static String scaleLabel(double scale) {
    return new BigDecimal(scale).round(new MathContext(2)).stripTrailingZeros().toPlainString();
  }
}
