package dev.gakushu.tune;

import dev.gakushu.report.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** What an lr-find leaves: its numbers as JSON and its figure. */
public final class LrFindReport {
  /** The file of the numbers, in the run directory. */
  public static final String JSON = "lr-find.json";

  /** The file of the figure, in the run directory. */
  public static final String FIGURE = "lr-find.png";

  private LrFindReport() {}

  /** The suggestion, its rule and every step's learning rate and losses. */
  public static Map<String, Object> json(LrFinder.Settings settings, LrFinder.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("suggested_lr", Double.isNaN(r.suggestion()) ? null : r.suggestion());
    m.put("rule", LrFinder.Result.RULE);
    m.put("suggested_step", r.suggestedStep());
    m.put("diverged", r.diverged());
    m.put("start_lr", settings.start());
    m.put("end_lr", settings.end());
    m.put("steps", settings.steps());
    m.put("lr", r.rates());
    m.put("loss", r.losses());
    m.put("smoothed_loss", r.smoothed());
    return m;
  }

  /**
   * The smoothed loss against the learning rate on a log axis, the suggestion marked (the batch
   * losses, whose last steps explode, are in the JSON).
   */
  public static Figure figure(LrFinder.Result r) {
    XYChart c =
        new XYChartBuilder()
            .width(640)
            .height(420)
            .title(
                Double.isNaN(r.suggestion())
                    ? "learning-rate range test"
                    : String.format(
                        Locale.ROOT, "learning-rate range test: suggested lr %.3g", r.suggestion()))
            .xAxisTitle("learning rate")
            .yAxisTitle("training loss")
            .build();
    c.getStyler().setXAxisLogarithmic(true).setChartBackgroundColor(Color.WHITE);
    double[] x = r.rates().stream().mapToDouble(Double::doubleValue).toArray();
    XYSeries smooth =
        c.addSeries(
            "smoothed (EMA 0.98)",
            x,
            r.smoothed().stream().mapToDouble(Double::doubleValue).toArray());
    smooth.setMarker(SeriesMarkers.NONE).setLineColor(new Color(31, 119, 180));
    smooth.setLineStyle(new BasicStroke(2f));
    if (r.suggestedStep() >= 0) {
      XYSeries s =
          c.addSeries(
              "suggested (valley)",
              new double[] {r.suggestion()},
              new double[] {r.smoothed().get(r.suggestedStep())});
      s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(214, 39, 40));
      s.setLineStyle(new BasicStroke(0f));
    }
    return Figure.of(c);
  }
}
