package dev.gakushu.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codec of {@link RunFile#SUMMARY}: a {@link Summary} as one JSON object (figures that are not
 * finite as null; {@code final_*} only after an epoch; {@code stopped} and {@code best_epoch} only
 * under early stopping).
 */
public final class SummaryFile {
  private SummaryFile() {}

  /** The JSON object of {@code s}, to be written indented. */
  public static Map<String, Object> toJson(Summary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gakushu_version", s.gakushuVersion());
    m.put("data", s.data());
    m.put("classes", s.classes());
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("train", s.rows().train());
    rows.put("validation", s.rows().validation());
    rows.put("test", s.rows().test());
    m.put("rows", rows);
    m.put("network", s.network());
    m.put("widths", s.widths());
    m.put("batch_norm", s.batchNorm());
    m.put("dropout", s.dropout());
    m.put("optimizer", s.optimizer());
    m.put("test_loss", MetricsFile.finiteOrNull(s.testLoss()));
    m.put("test_accuracy", MetricsFile.finiteOrNull(s.testAccuracy()));
    m.put("test_rows", s.testRows());
    m.put("epochs", s.epochs());
    m.put("steps", s.steps());
    m.put("seconds", s.seconds());
    m.put("samples_per_second", s.samplesPerSecond());
    m.put("model", s.model());
    if (s.epochs() != null) {
      m.put("final_train_loss", s.finalTrainLoss());
      m.put("final_validation_accuracy", MetricsFile.finiteOrNull(s.finalValidationAccuracy()));
    }
    if (s.earlyStopping()) {
      m.put("stopped", s.stopped());
      m.put("best_epoch", s.bestEpoch());
    }
    return m;
  }

  /**
   * The summary a parsed file holds, or null when it holds none (a missing file reads as a missing
   * node; a summary of an earlier Gakushu without widths has none).
   */
  public static Summary parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    List<String> classes = new ArrayList<>();
    n.path("classes").forEach(c -> classes.add(c.asText()));
    List<Integer> widths = new ArrayList<>();
    n.path("widths").forEach(w -> widths.add(w.asInt()));
    JsonNode rows = n.path("rows");
    return new Summary(
        n.path("gakushu_version").asText(""),
        n.path("data").asText(""),
        classes,
        new Summary.Rows(
            rows.path("train").asInt(), rows.path("validation").asInt(), rows.path("test").asInt()),
        n.path("network").asText(""),
        widths,
        n.path("batch_norm").asBoolean(),
        n.path("dropout").asBoolean(),
        n.path("optimizer").asText(""),
        MetricsFile.number(n, "test_loss"),
        MetricsFile.number(n, "test_accuracy"),
        n.path("test_rows").asInt(),
        n.path("epochs").isInt() ? n.get("epochs").asInt() : null,
        n.path("steps").asLong(),
        MetricsFile.number(n, "seconds"),
        MetricsFile.number(n, "samples_per_second"),
        n.path("model").asText(""),
        MetricsFile.number(n, "final_train_loss"),
        MetricsFile.number(n, "final_validation_accuracy"),
        n.has("best_epoch"),
        n.path("stopped").isTextual() ? n.get("stopped").asText() : null,
        n.path("best_epoch").asInt());
  }
}
