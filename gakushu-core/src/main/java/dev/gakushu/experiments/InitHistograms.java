package dev.gakushu.experiments;

import dev.gakushu.init.Initializer;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * weight_init_activation_histogram.py: 1,000 random inputs of 100 values through five 100-unit
 * layers without biases, for sigmoid with std 1, std 0.01 and Xavier, ReLU with std 0.01, Xavier
 * and He, and tanh with Xavier; a 30-bin histogram of each layer's activations (range 0..1 for
 * sigmoid, as the book draws it; the activations' own range otherwise).
 */
public final class InitHistograms implements Experiment {
  private static final int LAYERS = 5;
  private static final int BINS = 30;

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
  public ExperimentResult run(BookData data, boolean quick, long seed) {
    long start = System.nanoTime();
    int rows = quick ? 200 : 1000;
    Matrix x = new Matrix(rows, 100);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < x.size(); i++) {
      x.data()[i] = (float) random.nextGaussian();
    }
    List<CategoryChart> panels = new ArrayList<>();
    Map<String, Object> numbers = new LinkedHashMap<>();
    Map<String, double[]> spreads = new LinkedHashMap<>();
    Map<String, double[]> extremes = new LinkedHashMap<>();
    for (Setting s : SETTINGS) {
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
      double[] std = new double[LAYERS];
      double[] nearEnds = new double[LAYERS];
      List<Map<String, Object>> layers = new ArrayList<>();
      for (int l = 0; l < LAYERS; l++) {
        Matrix a = activations.get(l);
        double lo = s.activation() == Activation.SIGMOID ? 0 : min(a);
        double hi = s.activation() == Activation.SIGMOID ? 1 : Math.max(max(a), lo + 1e-6);
        long[] counts = histogram(a, lo, hi);
        std[l] = std(a);
        nearEnds[l] = fractionNear(a, s.activation());
        layers.add(Map.of("layer", l + 1, "min", lo, "max", hi, "counts", counts, "std", std[l]));
        panels.add(panel(s.label() + ", layer " + (l + 1), counts, lo, hi));
      }
      numbers.put(s.label(), layers);
      spreads.put(s.label(), std);
      extremes.put(s.label(), nearEnds);
    }
    List<Finding> findings = new ArrayList<>();
    double[] sig1 = extremes.get("sigmoid, std 1");
    findings.add(
        new Finding(
            "sigmoid-std1-saturates",
            "Sigmoid with std 1: most activations (over half) sit near 0 or 1 "
                + "(within 0.1) in every layer, where the slope vanishes",
            Map.of("share_near_0_or_1", sig1),
            min(sig1) > 0.5));
    double[] sig001 = spreads.get("sigmoid, std 0.01");
    findings.add(
        new Finding(
            "sigmoid-std001-collapses",
            "Sigmoid with std 0.01: activations bunch at 0.5 (their standard "
                + "deviation below 0.05): the layer's units all say the same",
            Map.of("std", sig001),
            max(sig001) < 0.05));
    double[] sigX = spreads.get("sigmoid, Xavier");
    findings.add(
        new Finding(
            "xavier-keeps-spread",
            "Sigmoid with Xavier keeps a moderate spread in every layer (std above " + "0.05)",
            Map.of("std", sigX),
            min(sigX) > 0.05));
    double[] reluSmall = spreads.get("ReLU, std 0.01");
    double[] reluHe = spreads.get("ReLU, He");
    findings.add(
        new Finding(
            "relu-he-keeps-spread",
            "ReLU: with std 0.01 the activations shrink layer after layer while "
                + "He keeps them at the same scale (last layer's std over first layer's: He above 0.5, std 0.01 below 0.01)",
            Map.of("std_0.01", reluSmall, "he", reluHe),
            reluHe[LAYERS - 1] / reluHe[0] > 0.5 && reluSmall[LAYERS - 1] / reluSmall[0] < 0.01));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("inputs", rows + " x 100 standard normal");
    config.put("layers", LAYERS + " x 100 units, no bias");
    config.put("bins", BINS);
    return new ExperimentResult(
        name(),
        "Activation histograms by initialisation",
        new Figure(panels, LAYERS, 240, 180),
        numbers,
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  private static CategoryChart panel(String title, long[] counts, double lo, double hi) {
    CategoryChart chart = new CategoryChartBuilder().width(240).height(180).title(title).build();
    var styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setXAxisTicksVisible(false);
    styler.setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
    styler.setChartBackgroundColor(java.awt.Color.WHITE);
    styler.setAvailableSpaceFill(0.95);
    styler.setOverlapped(true);
    List<Double> centres = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (int b = 0; b < counts.length; b++) {
      centres.add(Math.round((lo + (b + 0.5) * (hi - lo) / counts.length) * 1000) / 1000.0);
      values.add(counts[b]);
    }
    chart.addSeries("activations", centres, values);
    return chart;
  }

  private static long[] histogram(Matrix a, double lo, double hi) {
    long[] counts = new long[BINS];
    for (float v : a.data()) {
      int b = (int) ((v - lo) / (hi - lo) * BINS);
      if (v >= lo && v <= hi) {
        counts[Math.min(BINS - 1, Math.max(0, b))]++;
      }
    }
    return counts;
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

  private static double min(Matrix a) {
    double m = Double.POSITIVE_INFINITY;
    for (float v : a.data()) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(Matrix a) {
    double m = Double.NEGATIVE_INFINITY;
    for (float v : a.data()) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static double min(double[] v) {
    return java.util.Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static double max(double[] v) {
    return java.util.Arrays.stream(v).max().orElse(Double.NaN);
  }
}
