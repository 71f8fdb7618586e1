package dev.gakushu.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The line charts the experiments draw: labelled axes, a legend below the plot, no markers. */
final class LineCharts {
  static final List<Color> COLORS =
      List.of(
          new Color(31, 119, 180),
          new Color(255, 127, 14),
          new Color(44, 160, 44),
          new Color(214, 39, 40),
          new Color(148, 103, 189),
          new Color(140, 86, 75));

  private LineCharts() {}

  static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    var styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesVisible(true);
    styler.setXAxisDecimalPattern("#");
    // below the plot, where it covers no curve (inside, it hid a test curve or a flat loss)
    styler.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    return chart;
  }

  static XYSeries line(
      XYChart chart, String name, double[] x, double[] y, int colorIndex, boolean dashed) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(COLORS.get(colorIndex % COLORS.size()));
    s.setLineStyle(
        dashed
            ? new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
            : new BasicStroke(1.5f));
    return s;
  }

  /**
   * Sizes the y axis to every finite value of all {@code series}, so that no curve leaves the plot:
   * from 0 to just above the largest, or, when the values span more than a factor of 20 (one
   * optimizer diverging for a while), on a logarithmic scale from the smallest to the largest, so
   * that the others stay readable.
   */
  static void fitYAxis(XYChart chart, java.util.Collection<double[]> series) {
    double max = 0;
    double minPositive = Double.POSITIVE_INFINITY;
    for (double[] s : series) {
      for (double v : s) {
        if (Double.isFinite(v)) {
          max = Math.max(max, v);
          if (v > 0) {
            minPositive = Math.min(minPositive, v);
          }
        }
      }
    }
    var styler = chart.getStyler();
    if (max > 20 * minPositive) {
      styler.setYAxisLogarithmic(true).setYAxisMin(minPositive / 1.1).setYAxisMax(max * 1.1);
      chart.setYAxisTitle(chart.getYAxisTitle() + " (log scale)");
    } else {
      styler.setYAxisMin(0.0).setYAxisMax(max > 0 ? max * 1.05 : 1.0);
    }
  }

  static double[] range(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    return x;
  }
}
