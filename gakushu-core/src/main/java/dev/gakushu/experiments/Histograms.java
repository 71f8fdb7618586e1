package dev.gakushu.experiments;

import dev.gakushu.report.Numbers;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Histograms as the experiments count and draw them: equal bins over a fixed range. */
final class Histograms {
  private Histograms() {}

  /**
   * Counts of {@code values} in {@code bins} equal bins over [lo, hi] (hi included in the last bin,
   * as numpy's {@code histogram}); values outside are not counted, nor exact zeros when {@code
   * skipZeros} (ReLU's switched-off units, binned on the open (0, 1)).
   */
  static long[] count(float[] values, double lo, double hi, int bins, boolean skipZeros) {
    long[] counts = new long[bins];
    for (float v : values) {
      if (v < lo || v > hi || (skipZeros && v == 0)) {
        continue;
      }
      counts[Math.min(bins - 1, (int) ((v - lo) / (hi - lo) * bins))]++;
    }
    return counts;
  }

  /**
   * A panel drawing {@code counts} (equal bins over [lo, hi]) as filled bars, on axes fixed to [lo,
   * hi] × [0, yMax] so that panels drawn with the same bounds compare at a glance.
   */
  static XYChart panel(
      String title,
      String xTitle,
      long[] counts,
      double lo,
      double hi,
      double yMax,
      int colorIndex,
      int width,
      int height) {
    XYChart chart = LineCharts.chart(title, xTitle, "count", width, height);
    var styler = chart.getStyler();
    styler.setLegendVisible(false);
    // XChart 3.8 places ticks at odd steps on a range that does not start at 0 (−1, −0.73, …):
    // the bars are drawn on [0, 1] and the ticks labelled with the values they stand for
    styler.setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(yMax);
    styler.setxAxisTickLabelsFormattingFunction(
        t -> Numbers.sig3(Math.round((lo + t * (hi - lo)) * 1e9) / 1e9));
    styler.setYAxisDecimalPattern("#,###");
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    int bins = counts.length;
    // the outline of the bars: up and down at every bin edge
    double[] x = new double[2 * bins + 2];
    double[] y = new double[2 * bins + 2];
    for (int b = 0; b <= bins; b++) {
      double edge = (double) b / bins;
      x[2 * b] = edge;
      x[2 * b + 1] = edge;
      y[2 * b] = b == 0 ? 0 : counts[b - 1];
      y[2 * b + 1] = b == bins ? 0 : counts[b];
    }
    XYSeries bars = chart.addSeries("count", x, y);
    bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    bars.setMarker(SeriesMarkers.NONE);
    Color c = LineCharts.COLORS.get(colorIndex % LineCharts.COLORS.size());
    bars.setLineColor(c);
    bars.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 160));
    bars.setLineStyle(new BasicStroke(0.8f));
    return chart;
  }

  /** The smallest of 1, 2 and 5 times a power of ten at or above {@code value} (&gt; 0). */
  static double niceCeiling(double value) {
    double decade = StrictMath.pow(10, Math.floor(StrictMath.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * decade >= value * (1 - 1e-12)) {
        return step * decade;
      }
    }
    return 10 * decade;
  }

  /** The largest count of all {@code histograms}, at least 1: the y bound they share. */
  static double sharedMax(Iterable<long[]> histograms) {
    long max = 1;
    for (long[] h : histograms) {
      for (long c : h) {
        max = Math.max(max, c);
      }
    }
    return max * 1.05;
  }
}
