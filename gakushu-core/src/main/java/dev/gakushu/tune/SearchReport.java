package dev.gakushu.tune;

import dev.gakushu.report.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
   * trials.
   */
  public static Figure bestCurves(List<TrialResult> best) {
    List<XYChart> panels = new ArrayList<>();
    for (int i = 0; i < Math.min(20, best.size()); i++) {
      TrialResult r = best.get(i);
      XYChart c =
          new XYChartBuilder()
              .width(BEST_WIDTH)
              .height(BEST_HEIGHT)
              .title(String.format(Locale.ROOT, "Best-%d (val acc %.3f)", i + 1, r.score()))
              .xAxisTitle("epoch")
              .yAxisTitle("accuracy")
              .build();
      java.awt.Font small = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10);
      c.getStyler()
          .setLegendPosition(Styler.LegendPosition.OutsideS)
          .setLegendLayout(Styler.LegendLayout.Horizontal)
          .setLegendFont(small)
          .setLegendPadding(3)
          .setChartBackgroundColor(Color.WHITE)
          .setChartTitleFont(small.deriveFont(11f));
      c.getStyler()
          .setAxisTitleFont(small)
          .setAxisTickLabelsFont(small.deriveFont(9f))
          .setXAxisDecimalPattern("#")
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
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(dashed ? new Color(255, 127, 14) : new Color(31, 119, 180));
    s.setLineStyle(
        dashed
            ? new BasicStroke(
                1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 3f}, 0f)
            : new BasicStroke(1.5f));
  }

  /** Score against each continuous hyperparameter, on a log axis for log ranges. */
  public static Figure scatter(SearchSpace space, List<TrialResult> results) {
    List<XYChart> panels = new ArrayList<>();
    for (SearchSpace.Dimension d : space.dimensions()) {
      if (!d.continuous() && !d.kind().equals("int")) {
        continue;
      }
      XYChart c =
          new XYChartBuilder()
              .width(420)
              .height(320)
              .title("validation accuracy against " + d.name())
              .xAxisTitle(d.name())
              .yAxisTitle("validation accuracy")
              .build();
      c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      c.getStyler().setLegendVisible(false);
      c.getStyler().setChartBackgroundColor(Color.WHITE);
      c.getStyler().setXAxisLogarithmic(d.kind().equals("log"));
      double[] x =
          results.stream()
              .mapToDouble(r -> Double.parseDouble(String.valueOf(r.params().get(d.name()))))
              .toArray();
      double[] y =
          results.stream().mapToDouble(r -> Double.isFinite(r.score()) ? r.score() : 0).toArray();
      c.addSeries("trials", x, y).setMarker(SeriesMarkers.CIRCLE);
      panels.add(c);
    }
    return panels.isEmpty() ? null : new Figure(panels, Math.min(3, panels.size()), 420, 320);
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
