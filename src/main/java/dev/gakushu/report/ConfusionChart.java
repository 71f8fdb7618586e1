package dev.gakushu.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A confusion matrix as a heat map: true class down, predicted class across, counts in the cells.
 */
public final class ConfusionChart {
  private ConfusionChart() {}

  public static Figure of(List<String> classNames, long[][] confusion, String title) {
    int k = classNames.size();
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(120 + 56 * k)
            .height(100 + 48 * k)
            .title(title)
            .xAxisTitle("predicted")
            .yAxisTitle("true")
            .build();
    chart.getStyler().setShowValue(true).setLegendVisible(false).setPlotContentSize(1.0);
    List<Number[]> cells = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        cells.add(new Number[] {p, k - 1 - t, confusion[t][p]});
      }
    }
    List<String> reversed = new ArrayList<>(classNames);
    java.util.Collections.reverse(reversed);
    chart.addSeries("confusion", classNames, reversed, cells);
    return Figure.of(chart);
  }
}
