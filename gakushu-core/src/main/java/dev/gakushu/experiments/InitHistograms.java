package dev.gakushu.experiments;

import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import dev.gakushu.tensor.GaussianSampler;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.XYChart;

/**
 * weight_init_activation_histogram.py: 1,000 random inputs of 100 values through five 100-unit
 * layers without biases, for sigmoid with std 1, std 0.01 and Xavier, ReLU with std 0.01, Xavier
 * and He, and tanh with Xavier, each network with its own draw of weights; a 30-bin histogram of
 * each layer's activations binned as the book bins them, on (0, 1) for sigmoid and ReLU (ReLU's
 * exact zeros, its switched-off units, left out) and (−1, 1) for tanh; the panels of a setting
 * share their axes.
 */
public final class InitHistograms implements Experiment {
  private static final int LAYERS = 5;
  private static final int BINS = 30;
  private static final int PANEL_WIDTH = 260;
  private static final int PANEL_HEIGHT = 200;

  private record Setting(String label, Activation activation, Initializer init) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("sigmoid, std 1", Activation.SIGMOID, Initializer.normal(1)),
          new Setting("sigmoid, std 0.01", Activation.SIGMOID, Initializer.normal(0.01)),
          new Setting("sigmoid, Xavier", Activation.SIGMOID, Initializer.xavier()),
          new Setting("ReLU, std 0.01", Activation.RELU, Initializer.normal(0.01)),
          new Setting("ReLU, Xavier", Activation.RELU, Initializer.xavier()),
          new Setting("ReLU, He", Activation.RELU, Initializer.he()),
          new Setting("tanh, Xavier", Activation.TANH, Initializer.xavier()));

  @Override
  public String name() {
    return "init-histograms";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    int rows = quick ? 200 : 1000;
    Matrix x = inputs(rows, seed);
    List<XYChart> panels = new ArrayList<>();
    Map<String, Object> numbers = new LinkedHashMap<>();
    Map<String, double[]> spreads = new LinkedHashMap<>();
    Map<String, double[]> extremes = new LinkedHashMap<>();
    for (int k = 0; k < SETTINGS.size(); k++) {
      Setting s = SETTINGS.get(k);
      List<Matrix> activations = activations(s, BookLoop.networkSeed(seed, k), x);
      // the book's bins: (0, 1) for sigmoid and ReLU (ReLU's exact zeros left out), (−1, 1) for
      // tanh
      double lo = s.activation() == Activation.TANH ? -1 : 0;
      boolean relu = s.activation() == Activation.RELU;
      double[] std = new double[LAYERS];
      double[] nearEnds = new double[LAYERS];
      List<long[]> counts = new ArrayList<>();
      List<Map<String, Object>> layers = new ArrayList<>();
      for (int l = 0; l < LAYERS; l++) {
        Matrix a = activations.get(l);
        long[] c = Histograms.count(a.data(), lo, 1, BINS, relu);
        counts.add(c);
        std[l] = std(a);
        nearEnds[l] = fractionNear(a, s.activation());
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("layer", l + 1);
        layer.put("mean", mean(a));
        layer.put("std", std[l]);
        layer.put("bins_from", lo);
        layer.put("bins_to", 1.0);
        layer.put("counts", c);
        layer.put("share_zero", share(a, v -> v == 0));
        layer.put("share_outside_bins", share(a, v -> v < lo || v > 1));
        layers.add(layer);
      }
      double yMax = Histograms.sharedMax(counts);
      for (int l = 0; l < LAYERS; l++) {
        panels.add(panel(s, l, counts.get(l), lo, yMax, k));
      }
      numbers.put(s.label(), layers);
      spreads.put(s.label(), std);
      extremes.put(s.label(), nearEnds);
    }
    List<Finding> findings = findings(spreads, extremes);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("inputs", rows + " x 100 standard normal");
    config.put("layers", LAYERS + " x 100 units, no bias");
    config.put("initial_weights", "each network its own draw");
    config.put(
        "bins",
        BINS
            + " on (0, 1) for sigmoid and ReLU (ReLU's exact zeros not counted), (-1, 1) for tanh");
    return new ExperimentResult(
        name(),
        "Activation histograms by initialisation",
        new Figure(panels, LAYERS, PANEL_WIDTH, PANEL_HEIGHT),
        numbers,
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  /** {@code rows} × 100 standard normal inputs, drawn from the run's seed. */
  private static Matrix inputs(int rows, long seed) {
    Matrix x = new Matrix(rows, 100);
    SplittableRandom random = new SplittableRandom(seed);
    GaussianSampler normal = new GaussianSampler(random);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) normal.next();
    }
    return x;
  }

  /**
   * The output of each of the {@link #LAYERS} hidden blocks of {@code s}'s network (its initial
   * weights from the stream {@code seed}) on the inputs {@code x}.
   */
  private static List<Matrix> activations(Setting s, long seed, Matrix x) {
    // a dense layer with a zero bias is the book's x·W: the network is its five hidden blocks
    Network.Builder b = Network.builder(100).init(s.init());
    for (int l = 0; l < LAYERS; l++) {
      b.dense(100).activation(s.activation());
    }
    Network net = b.build(seed);
    List<Matrix> activations = new ArrayList<>();
    Matrix h = x;
    for (int i = 0; i < net.layers().size(); i++) {
      h = net.layers().get(i).forward(h, Mode.EVAL);
      if (i % 2 == 1) {
        activations.add(h.copy());
      }
    }
    return activations;
  }

  /** The histogram panel of layer {@code l} of setting {@code s}, in colour {@code k}. */
  private static XYChart panel(Setting s, int l, long[] counts, double lo, double yMax, int k) {
    XYChart panel =
        Histograms.panel(
            s.label() + ", layer " + (l + 1),
            "activation",
            counts,
            lo,
            1,
            yMax,
            k,
            PANEL_WIDTH,
            PANEL_HEIGHT);
    panel
        .getStyler()
        .setXAxisTitleVisible(false)
        .setYAxisTitleVisible(false)
        .setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 9))
        .setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
    return panel;
  }

  /**
   * The book's four observations, measured: sigmoid with std 1 saturates, with std 0.01 collapses,
   * Xavier keeps a spread, and ReLU keeps its scale with He but not with std 0.01.
   */
  private static List<Finding> findings(
      Map<String, double[]> spreads, Map<String, double[]> extremes) {
    List<Finding> findings = new ArrayList<>();
    double[] sig1 = extremes.get("sigmoid, std 1");
    findings.add(
        Finding.of(
            "sigmoid-std1-saturates",
            "Sigmoid with std 1: most activations (over half) sit near 0 or 1 "
                + "(within 0.1) in every layer, where the slope vanishes",
            "share near 0 or 1 by layer: " + Numbers.format(sig1),
            Fields.of("share_near_0_or_1", sig1),
            min(sig1) > 0.5));
    double[] sig001 = spreads.get("sigmoid, std 0.01");
    findings.add(
        Finding.of(
            "sigmoid-std001-collapses",
            "Sigmoid with std 0.01: activations bunch at 0.5 (their standard "
                + "deviation below 0.05): the layer's units all say the same",
            "std by layer: " + Numbers.format(sig001),
            Fields.of("std", sig001),
            max(sig001) < 0.05));
    double[] sigX = spreads.get("sigmoid, Xavier");
    findings.add(
        Finding.of(
            "xavier-keeps-spread",
            "Sigmoid with Xavier keeps a moderate spread in every layer (std above 0.05)",
            "std by layer: " + Numbers.format(sigX),
            Fields.of("std", sigX),
            min(sigX) > 0.05));
    double[] reluSmall = spreads.get("ReLU, std 0.01");
    double[] reluHe = spreads.get("ReLU, He");
    findings.add(
        Finding.of(
            "relu-he-keeps-spread",
            "ReLU: with std 0.01 the activations shrink layer after layer while "
                + "He keeps them at the same scale (last layer's std over first layer's: He above "
                + "0.5, std 0.01 below 0.01)",
            "last over first layer's std: He "
                + Numbers.sig3(reluHe[LAYERS - 1] / reluHe[0])
                + ", std 0.01 "
                + Numbers.sig3(reluSmall[LAYERS - 1] / reluSmall[0]),
            Fields.of("std_0.01", reluSmall, "he", reluHe),
            reluHe[LAYERS - 1] / reluHe[0] > 0.5 && reluSmall[LAYERS - 1] / reluSmall[0] < 0.01));
    return findings;
  }

  private static double fractionNear(Matrix a, Activation act) {
    if (act != Activation.SIGMOID) {
      return Double.NaN;
    }
    long near = 0;
    for (float v : a.data()) {
      if (v < 0.1 || v > 0.9) {
        near++;
      }
    }
    return (double) near / a.size();
  }

  private static double mean(Matrix a) {
    double sum = 0;
    for (float v : a.data()) {
      sum += v;
    }
    return sum / a.size();
  }

  private static double share(Matrix a, java.util.function.DoublePredicate which) {
    long n = 0;
    for (float v : a.data()) {
      if (which.test(v)) {
        n++;
      }
    }
    return (double) n / a.size();
  }

  private static double std(Matrix a) {
    double s = 0;
    double s2 = 0;
    for (float v : a.data()) {
      s += v;
      s2 += (double) v * v;
    }
    double m = s / a.size();
    return Math.sqrt(Math.max(0, s2 / a.size() - m * m));
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(Double.NaN);
  }
}
