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
    Map<String, RunSpec> networks = new LinkedHashMap<>();
    for (int k = 0; k < scales; k++) {
      for (boolean batchNorm : new boolean[] {false, true}) {
        networks.put(
            "W std " + scaleLabel(scale(k)) + (batchNorm ? " with BN" : " without BN"),
            spec(data, scale(k), batchNorm, BookLoop.networkSeed(seed, networks.size())));
      }
    }
    List<double[]> accuracies =
        accuracies(
            List.copyOf(networks.values()), new EvaluationBlocks(train), points, seed, threads);
    List<XYChart> panels = new ArrayList<>();
    Map<String, Object> numbers = new LinkedHashMap<>();
    for (int k = 0; k < scales; k++) {
      double[] accPlain = accuracies.get(2 * k);
      double[] accBn = accuracies.get(2 * k + 1);
      panels.add(panel(scale(k), accPlain, accBn));
      numbers.put(
          "W std " + scaleLabel(scale(k)),
          Fields.of("scale", scale(k), "with_bn", accBn, "without_bn", accPlain));
    }
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("data", data.name() + ", first " + train.size() + " training rows");
    notes.put("evaluations", points + ", one every 10 updates");
    notes.put(
        "batches",
        BookLoop.batchesNote(
            "the same for both networks of a scale: the k-th scale's (from 0) from the stream of"
                + " the experiment's seed "
                + seed
                + " + k"));
    return new ExperimentResult(
        name(),
        "Batch Normalization against initial weight scales",
        new Figure(panels, 4, 300, 240),
        numbers,
        List.of(finding(accuracies, quick)),
        ExperimentConfig.of(networks, notes),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Each network's accuracy every ten steps (see {@link #accuracyEveryTenSteps}), the networks
   * trained at once on {@code threads} threads; the {@code k}-th pair (without and with BatchNorm)
   * sees the batches of the stream {@code seed + k}.
   */
  private static List<double[]> accuracies(
      List<RunSpec> networks, EvaluationBlocks train, int points, long seed, int threads) {
    List<Concurrently.Job<double[]>> runs = new ArrayList<>();
    for (int i = 0; i < networks.size(); i++) {
      RunSpec spec = networks.get(i);
      long batchSeed = seed + i / 2;
      runs.add(
          productThreads -> accuracyEveryTenSteps(spec, train, points, batchSeed, productThreads));
    }
    return Concurrently.run(threads, runs);
  }

  /** The panel of one initial scale: the accuracy with BatchNorm (solid) and without (dashed). */
  private static XYChart panel(double scale, double[] accPlain, double[] accBn) {
    XYChart panel = LineCharts.chart("W std " + scaleLabel(scale), "epoch", "accuracy", 300, 240);
    panel
        .getStyler()
        .setYAxisMin(0.0)
        .setYAxisMax(1.0)
        .setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10))
        .setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
    double[] x = LineCharts.range(accBn.length);
    LineCharts.line(panel, "with BN", x, accBn, 0, false);
    LineCharts.line(panel, "without BN", x, accPlain, 1, true);
    return panel;
  }

  /**
   * The book's claim, measured: BatchNorm ends with the higher training accuracy at most scales.
   *
   * @param accuracies each scale's pair, without BatchNorm then with
   */
  private static Finding finding(List<double[]> accuracies, boolean quick) {
    int scales = accuracies.size() / 2;
    int bnHigher = 0;
    List<String> behind = new ArrayList<>();
    List<Double> behindScales = new ArrayList<>();
    for (int k = 0; k < scales; k++) {
      double[] accPlain = accuracies.get(2 * k);
      double[] accBn = accuracies.get(2 * k + 1);
      int last = accBn.length - 1;
      if (accBn[last] > accPlain[last]) {
        bnHigher++;
      } else {
        behind.add(
            Numbers.sig3(scale(k))
                + " (BN "
                + Numbers.sig3(accBn[last])
                + ", without "
                + Numbers.sig3(accPlain[last])
                + ")");
        behindScales.add(scale(k));
      }
    }
    return Finding.of(
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
            Fields.of(
                "scales_where_bn_is_higher",
                bnHigher,
                "scales",
                scales,
                "scales_where_bn_is_not_higher",
                behindScales),
            bnHigher > scales / 2)
        .needsFullSize(quick);
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
