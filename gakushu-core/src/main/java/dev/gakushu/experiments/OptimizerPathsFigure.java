package dev.gakushu.experiments;

import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.report.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The book's figure 6-8: one panel per optimizer, its path over the contours of f. */
public final class OptimizerPathsFigure {
  /** Contour levels of f drawn in every panel (the book masks f &gt; 7). */
  private static final double[] LEVELS = {0.1, 0.4, 1, 2, 3.5, 5, 7};

  private static final double AXIS = 10;
  private static final int PANEL_WIDTH = 420;
  private static final int PANEL_HEIGHT = 380;

  private OptimizerPathsFigure() {}

  public static Figure of(List<OptimizerPaths.Path> paths) {
    List<XYChart> panels = new ArrayList<>();
    for (OptimizerPaths.Path path : paths) {
      panels.add(panel(path));
    }
    return new Figure(panels, 3, PANEL_WIDTH, PANEL_HEIGHT);
  }

  private static XYChart panel(OptimizerPaths.Path path) {
    XYChart chart =
        new XYChartBuilder()
            .width(PANEL_WIDTH)
            .height(PANEL_HEIGHT)
            .title(
                String.format(
                    Locale.ROOT, "%s (lr %s)", label(path.optimizer()), trim(path.learningRate())))
            .xAxisTitle("x")
            .yAxisTitle("y")
            .build();
    var styler = chart.getStyler();
    styler.setLegendVisible(false);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesVisible(false);
    styler.setMarkerSize(5);
    styler.setXAxisMin(-AXIS).setXAxisMax(AXIS).setYAxisMin(-AXIS).setYAxisMax(AXIS);
    for (double level : LEVELS) {
      // f = c is the ellipse x = √(20c)·cos t, y = √c·sin t
      int n = 48;
      double[] x = new double[n + 1];
      double[] y = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        double t = 2 * Math.PI * i / n;
        x[i] = Math.sqrt(20 * level) * StrictMath.cos(t);
        y[i] = Math.sqrt(level) * StrictMath.sin(t);
      }
      XYSeries contour = chart.addSeries("f = " + level, x, y);
      contour.setMarker(SeriesMarkers.NONE);
      contour.setLineColor(new Color(150, 150, 150));
      contour.setLineStyle(new BasicStroke(0.8f));
    }
    XYSeries minimum = chart.addSeries("minimum", new double[] {0}, new double[] {0});
    minimum.setMarker(SeriesMarkers.CROSS);
    minimum.setMarkerColor(Color.BLACK);
    minimum.setLineStyle(new BasicStroke(0f));
    XYSeries walk = chart.addSeries(path.optimizer(), path.x(), path.y());
    walk.setMarker(SeriesMarkers.CIRCLE);
    walk.setMarkerColor(new Color(200, 30, 30));
    walk.setLineColor(new Color(200, 30, 30));
    walk.setLineStyle(new BasicStroke(1.2f));
    return chart;
  }

  /** The optimizer {@code optimizerId} as figures and findings name it, e.g. AdaGrad. */
  static String label(String optimizerId) {
    return OptimizerKind.find(optimizerId).map(OptimizerKind::displayName).orElse(optimizerId);
  }

  private static String trim(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
