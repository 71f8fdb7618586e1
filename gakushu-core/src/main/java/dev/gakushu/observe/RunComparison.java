package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.BadInputException;
import dev.gakushu.report.Figure;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training runs side by side: the settings of config.json that differ, the figures of their
 * metrics.jsonl and summary.json, and their curves overlaid.
 */
public final class RunComparison {
  /** Settings that say where or how a run was started rather than what it trained. */
  private static final Set<String> NOT_SETTINGS = Set.of("args", "data_origin", "threads");

  private static final List<Color> COLORS =
      List.of(
          new Color(31, 119, 180),
          new Color(255, 127, 14),
          new Color(44, 160, 44),
          new Color(214, 39, 40),
          new Color(148, 103, 189),
          new Color(140, 86, 75));

  private final List<Path> dirs;
  private final List<Map<String, String>> settings = new ArrayList<>();
  private final List<List<JsonNode>> metrics = new ArrayList<>();
  private final List<JsonNode> summaries = new ArrayList<>();
  private final List<RunInfo> infos = new ArrayList<>();

  public RunComparison(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
    for (Path dir : dirs) {
      RunInfo info = RunInfo.read(dir);
      if (!info.kind().equals("train")) {
        throw new BadInputException(
            dir + " is a search; runs compare takes run directories of train");
      }
      infos.add(info);
      Map<String, String> flat = new LinkedHashMap<>();
      flatten("", RunFiles.object(dir.resolve(RunInfo.CONFIG)), flat);
      settings.add(flat);
      metrics.add(RunFiles.lines(dir.resolve("metrics.jsonl")));
      summaries.add(RunFiles.object(dir.resolve("summary.json")));
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix + e.getKey();
      if (NOT_SETTINGS.contains(key)) {
        continue;
      }
      if (e.getValue().isObject()) {
        flatten(key + ".", e.getValue(), into);
      } else {
        into.put(key, e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
    }
  }

  /** Each setting whose value is not the same in every run, with the runs' values in order. */
  public Map<String, List<String>> differingSettings() {
    Set<String> keys = new LinkedHashSet<>();
    settings.forEach(s -> keys.addAll(s.keySet()));
    Map<String, List<String>> differ = new LinkedHashMap<>();
    for (String key : keys) {
      List<String> values = settings.stream().map(s -> s.getOrDefault(key, "-")).toList();
      if (values.stream().distinct().count() > 1) {
        differ.put(key, values);
      }
    }
    return differ;
  }

  /** The runs' figures, one row per figure, one value per run. */
  public Map<String, List<String>> figures() {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (int i = 0; i < dirs.size(); i++) {
      List<JsonNode> m = metrics.get(i);
      JsonNode last = m.isEmpty() ? null : m.get(m.size() - 1);
      JsonNode best = null;
      for (JsonNode line : m) {
        if (line.path("validation_accuracy").isNumber()
            && (best == null
                || line.get("validation_accuracy").asDouble()
                    > best.get("validation_accuracy").asDouble())) {
          best = line;
        }
      }
      JsonNode s = summaries.get(i);
      add(rows, "status", infos.get(i).status().label());
      add(rows, "epochs", infos.get(i).epochs());
      add(
          rows,
          "best validation accuracy",
          best == null
              ? "-"
              : number(best.get("validation_accuracy")) + " (epoch " + best.get("epoch") + ")");
      add(
          rows,
          "final validation accuracy",
          last == null ? "-" : number(last.path("validation_accuracy")));
      add(rows, "final train loss", last == null ? "-" : number(last.path("train_loss")));
      add(rows, "test accuracy", number(s.path("test_accuracy")));
      add(rows, "test loss", number(s.path("test_loss")));
      add(
          rows,
          "seconds",
          s.path("seconds").isNumber()
              ? String.format(java.util.Locale.ROOT, "%.1f", s.get("seconds").asDouble())
              : "-");
    }
    return rows;
  }

  private static void add(Map<String, List<String>> rows, String name, String value) {
    rows.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  private static String number(JsonNode value) {
    return value.isNumber() ? String.format(java.util.Locale.ROOT, "%.4f", value.asDouble()) : "-";
  }

  /** Validation accuracy and training loss per epoch, one colour per run. */
  public Figure chart() {
    XYChart accuracy = chart("Validation accuracy", "accuracy");
    accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    XYChart loss = chart("Training loss", "loss");
    loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    List<String> labels = labels();
    for (int i = 0; i < dirs.size(); i++) {
      List<JsonNode> m = metrics.get(i);
      if (m.isEmpty()) {
        continue;
      }
      double[] epoch = m.stream().mapToDouble(n -> n.path("epoch").asDouble()).toArray();
      Color color = COLORS.get(i % COLORS.size());
      double[] val =
          m.stream().mapToDouble(n -> n.path("validation_accuracy").asDouble(Double.NaN)).toArray();
      if (java.util.Arrays.stream(val).noneMatch(Double::isNaN)) {
        line(accuracy, labels.get(i), epoch, val, color);
      }
      line(
          loss,
          labels.get(i),
          epoch,
          m.stream().mapToDouble(n -> n.path("train_loss").asDouble(Double.NaN)).toArray(),
          color);
    }
    return new Figure(List.of(accuracy, loss), 2, 560, 400);
  }

  /** The runs' folder names, numbered when two are the same. */
  private List<String> labels() {
    List<String> names =
        dirs.stream()
            .map(d -> Objects.toString(d.toAbsolutePath().normalize().getFileName()))
            .toList();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      labels.add(
          names.stream().filter(names.get(i)::equals).count() > 1
              ? (i + 1) + ": " + names.get(i)
              : names.get(i));
    }
    return labels;
  }

  private static XYChart chart(String title, String y) {
    XYChart c =
        new XYChartBuilder()
            .width(560)
            .height(400)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(y)
            .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setXAxisDecimalPattern("#");
    return c;
  }

  private static void line(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
  }
}
