package dev.gakushu.tune;

import dev.gakushu.report.Figure;
import dev.gakushu.run.TrialResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a search shows: the best trials' curves, score against each hyperparameter, narrowed ranges.
 */
public final class SearchReport {
  private static final int BEST_WIDTH = 280;
  private static final int BEST_HEIGHT = 240;

  private SearchReport() {}

  /**
   * The book's figure: validation accuracy (solid) and training accuracy (dashed) of the best 20
   * trials, each epoch marked, so that a trial successive halving stopped after one epoch shows its
   * two points; a stopped trial's title says so.
   */
  public static Figure bestCurves(List<TrialResult> best) {
    List<XYChart> panels = new ArrayList<>();
    for (int i = 0; i < Math.min(20, best.size()); i++) {
      TrialResult r = best.get(i);
      XYChart c =
          new XYChartBuilder()
              .width(BEST_WIDTH)
              .height(BEST_HEIGHT)
              .title(
                  String.format(
                      Locale.ROOT,
                      r.status().equals("stopped")
                          ? "Best-%d (val %.3f, stopped)"
                          : "Best-%d (val acc %.3f)",
                      i + 1,
                      r.score()))
              .xAxisTitle("epoch")
              .yAxisTitle("accuracy")
              .build();
      java.awt.Font small = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10);
      c.getStyler()
          .setLegendPosition(Styler.LegendPosition.OutsideS)
          .setLegendLayout(Styler.LegendLayout.Horizontal)
          .setLegendFont(small)
          .setLegendPadding(6)
          .setLegendSeriesLineLength(14)
          .setChartBackgroundColor(Color.WHITE)
          .setChartTitleFont(small.deriveFont(11f));
      c.getStyler()
          .setAxisTitleFont(small)
          .setAxisTickLabelsFont(small.deriveFont(9f))
          .setXAxisDecimalPattern("#")
          .setXAxisMin(0.5)
          .setXAxisMax(Math.max(2, r.epochs()) + 0.5)
          .setYAxisMin(0.0)
          .setYAxisMax(1.0);
      double[] x = new double[r.epochs()];
      for (int e = 0; e < x.length; e++) {
        x[e] = e + 1;
      }
      line(c, "validation", x, r.validationAccuracy(), false);
      line(c, "train", x, r.trainAccuracy(), true);
      panels.add(c);
    }
    return new Figure(panels, 5, BEST_WIDTH, BEST_HEIGHT);
  }

  private static void line(XYChart chart, String name, double[] x, List<Double> y, boolean dashed) {
    XYSeries s = chart.addSeries(name, x, y.stream().mapToDouble(Double::doubleValue).toArray());
    Color colour = dashed ? new Color(255, 127, 14) : new Color(31, 119, 180);
    s.setMarker(dashed ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
    s.setMarkerColor(colour);
    s.setLineColor(colour);
    s.setLineStyle(
        dashed
            ? new BasicStroke(
                1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f)
            : new BasicStroke(1.5f));
  }

  /**
   * Score against each searched hyperparameter: a log axis for log ranges, a choice's values at 1,
   * 2, … labelled with the values; trials successive halving stopped are crosses, scored after the
   * epochs they ran.
   */
  public static Figure scatter(SearchSpace space, List<TrialResult> results) {
    List<XYChart> panels = new ArrayList<>();
    for (SearchSpace.Dimension d : space.dimensions()) {
      XYChart c =
          new XYChartBuilder()
              .width(420)
              .height(320)
              .title("validation accuracy against " + d.name())
              .xAxisTitle(d.name())
              .yAxisTitle("validation accuracy")
              .build();
      c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      c.getStyler().setChartBackgroundColor(Color.WHITE);
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
      c.getStyler().setXAxisLogarithmic(d.kind().equals("log"));
      if (d.kind().equals("choice")) {
        List<String> choices = d.arguments();
        c.getStyler()
            .setXAxisMin(0.5)
            .setXAxisMax(choices.size() + 0.5)
            .setxAxisTickLabelsFormattingFunction(
                v -> {
                  long k = Math.round(v);
                  // XChart drops every label unless all differ: a tick off the choices gets
                  // blanks, as many as make its label its own
                  return Math.abs(v - k) < 1e-9 && k >= 1 && k <= choices.size()
                      ? choices.get((int) k - 1)
                      : " ".repeat(1 + (int) Math.abs(Math.round(v * 8)));
                });
      }
      boolean anyStopped = false;
      for (boolean stopped : new boolean[] {false, true}) {
        List<TrialResult> group =
            results.stream().filter(r -> r.status().equals("stopped") == stopped).toList();
        if (group.isEmpty()) {
          continue;
        }
        anyStopped |= stopped;
        double[] x = group.stream().mapToDouble(r -> axisValue(d, r)).toArray();
        double[] y =
            group.stream().mapToDouble(r -> Double.isFinite(r.score()) ? r.score() : 0).toArray();
        XYSeries series = c.addSeries(stopped ? "stopped early" : "ran to the end", x, y);
        series.setMarker(stopped ? SeriesMarkers.CROSS : SeriesMarkers.CIRCLE);
        series.setMarkerColor(stopped ? new Color(150, 150, 150) : new Color(31, 119, 180));
      }
      c.getStyler().setLegendVisible(anyStopped);
      panels.add(c);
    }
    return new Figure(panels, Math.min(3, panels.size()), 420, 320);
  }

  /** Where a trial's value of a dimension lies on its axis: a choice's 1-based position. */
  private static double axisValue(SearchSpace.Dimension d, TrialResult r) {
    String v = String.valueOf(r.params().get(d.name()));
    return d.kind().equals("choice") ? d.arguments().indexOf(v) + 1 : Double.parseDouble(v);
  }

  /** Every trial across the hyperparameters' axes, coloured by validation accuracy. */
  public static Figure parallelCoordinates(SearchSpace space, List<TrialResult> results) {
    return ParallelCoordinates.of(space, results);
  }

  /** Each hyperparameter's share of the validation accuracy's variance ({@link Importance}). */
  public static Figure importance(Map<String, Double> shares) {
    CategoryChart c =
        new CategoryChartBuilder()
            .width(Math.max(420, 110 * shares.size()))
            .height(320)
            .title("importance (fANOVA)")
            .xAxisTitle("hyperparameter")
            .yAxisTitle("share of variance")
            .build();
    c.getStyler().setLegendVisible(false);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0%");
    c.getStyler().setLabelsVisible(true).setLabelsFont(c.getStyler().getAxisTickLabelsFont());
    c.getStyler().setDecimalPattern("0.0%");
    c.addSeries("share", List.copyOf(shares.keySet()), List.copyOf(shares.values()))
        .setFillColor(new Color(31, 119, 180));
    return Figure.of(c);
  }

  /**
   * The ranges the best trials suggest — the book's "narrow the range and repeat": for each
   * continuous dimension, the smallest and largest value among the best max(3, 10 %) trials, as
   * {@code --space} arguments.
   */
  public static Map<String, String> narrowed(SearchSpace space, List<TrialResult> best) {
    int k = Math.min(best.size(), Math.max(3, best.size() / 10));
    Map<String, String> ranges = new LinkedHashMap<>();
    for (SearchSpace.Dimension d : space.dimensions()) {
      if (!d.continuous() || k == 0) {
        continue;
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (TrialResult r : best.subList(0, k)) {
        double v = Double.parseDouble(String.valueOf(r.params().get(d.name())));
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (hi <= lo) {
        hi = lo * 1.0001 + 1e-12;
      }
      ranges.put(
          d.name(), String.format(Locale.ROOT, "%s=%s(%.3g,%.3g)", d.name(), d.kind(), lo, hi));
    }
    return ranges;
  }
}
