package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.report.Figure;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.run.RunFile;
import dev.gakushu.run.RunKind;
import dev.gakushu.run.Summary;
import dev.gakushu.run.SummaryFile;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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
  private final List<List<EpochMetrics>> metrics = new ArrayList<>();
  private final List<Summary> summaries = new ArrayList<>();
  private final List<RunInfo> infos = new ArrayList<>();

  public RunComparison(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
    for (Path dir : dirs) {
      RunInfo info = RunInfo.read(dir);
      if (!info.kind().equals(RunKind.TRAIN.label())) {
        throw new BadInputException(
            dir + " is a " + info.kind() + "; runs compare takes run directories of train");
      }
      infos.add(info);
      Map<String, String> flat = new LinkedHashMap<>();
      RunSpec spec = RunInfo.spec(dir);
      if (spec != null) {
        flatten("", JSON.valueToTree(RunSpecJson.toMap(spec)), flat);
      }
      settings.add(flat);
      metrics.add(RunInfo.epochs(dir));
      summaries.add(SummaryFile.parse(RunFiles.object(dir.resolve(RunFile.SUMMARY))));
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
      List<EpochMetrics> m = metrics.get(i);
      EpochMetrics last = m.isEmpty() ? null : m.get(m.size() - 1);
      EpochMetrics best = null;
      for (EpochMetrics epoch : m) {
        if (!Double.isNaN(epoch.validationAccuracy())
            && (best == null || epoch.validationAccuracy() > best.validationAccuracy())) {
          best = epoch;
        }
      }
      Summary s = summaries.get(i);
      add(rows, "status", infos.get(i).status().label());
      add(rows, "epochs", infos.get(i).epochs());
      add(
          rows,
          "best validation accuracy",
          best == null ? "-" : number(best.validationAccuracy()) + " (epoch " + best.epoch() + ")");
      add(
          rows,
          "final validation accuracy",
          last == null ? "-" : number(last.validationAccuracy()));
      add(rows, "final train loss", last == null ? "-" : number(last.trainLoss()));
      add(rows, "test accuracy", s == null ? "-" : number(s.testAccuracy()));
      add(rows, "test loss", s == null ? "-" : number(s.testLoss()));
      add(
          rows,
          "seconds",
          s == null || Double.isNaN(s.seconds())
              ? "-"
              : String.format(java.util.Locale.ROOT, "%.1f", s.seconds()));
    }
    return rows;
  }

  private static void add(Map<String, List<String>> rows, String name, String value) {
    rows.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%.4f", value);
  }

  /** Validation accuracy and training loss per epoch, one colour per run. */
  public Figure chart() {
    XYChart accuracy = chart("Validation accuracy", "accuracy");
    accuracy.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    XYChart loss = chart("Training loss", "loss");
    loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    List<String> labels = labels();
    for (int i = 0; i < dirs.size(); i++) {
      List<EpochMetrics> m = metrics.get(i);
      if (m.isEmpty()) {
        continue;
      }
      double[] epoch = m.stream().mapToDouble(EpochMetrics::epoch).toArray();
      Color color = COLORS.get(i % COLORS.size());
      double[] val = m.stream().mapToDouble(EpochMetrics::validationAccuracy).toArray();
      if (java.util.Arrays.stream(val).noneMatch(Double::isNaN)) {
        line(accuracy, labels.get(i), epoch, val, color);
      }
      line(
          loss,
          labels.get(i),
          epoch,
          m.stream().mapToDouble(EpochMetrics::trainLoss).toArray(),
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
