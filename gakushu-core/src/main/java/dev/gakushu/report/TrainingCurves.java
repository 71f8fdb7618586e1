package dev.gakushu.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A training run's loss and accuracy per epoch, training solid and validation dashed, side by side.
 */
public final class TrainingCurves {
  private TrainingCurves() {}

  /**
   * @param rows one per epoch: epoch, train loss, validation loss, train accuracy, validation
   *     accuracy (validation values NaN when there is no validation data)
   */
  public static Figure of(String title, List<double[]> rows) {
    double[] epoch = rows.stream().mapToDouble(r -> r[0]).toArray();
    XYChart loss = chart(title + ": loss", "loss");
    XYChart accuracy = chart(title + ": accuracy", "accuracy");
    add(loss, "train", epoch, rows, 1, false);
    add(loss, "validation", epoch, rows, 2, true);
    add(accuracy, "train", epoch, rows, 3, false);
    add(accuracy, "validation", epoch, rows, 4, true);
    return new Figure(List.of(loss, accuracy), 2, 520, 380);
  }

  private static XYChart chart(String title, String y) {
    XYChart c =
        new XYChartBuilder()
            .width(520)
            .height(380)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(y)
            .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setXAxisDecimalPattern("#");
    return c;
  }

  private static void add(
      XYChart chart, String name, double[] x, List<double[]> rows, int column, boolean dashed) {
    double[] y = rows.stream().mapToDouble(r -> r[column]).toArray();
    if (java.util.Arrays.stream(y).anyMatch(Double::isNaN)) {
      return;
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(dashed ? new Color(255, 127, 14) : new Color(31, 119, 180));
    s.setLineStyle(
        dashed
            ? new BasicStroke(
                1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
            : new BasicStroke(1.5f));
  }
}
