package dev.gakushu.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The codec of {@link RunFile#METRICS}: one JSON line per epoch with epoch, step, lr, train_loss
 * (the data loss), weight_penalty (the L2 penalty ½λ‖W‖²), l1_penalty (the L1 penalty λ Σ|w|),
 * train_accuracy, validation_loss, validation_accuracy (null without validation data), seconds and,
 * on the last line of a run that stopped early, stopped (why).
 */
public final class MetricsFile {
  private MetricsFile() {}

  /** The line of {@code m}, to be written as compact JSON. */
  public static Map<String, Object> line(EpochMetrics m) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("epoch", m.epoch());
    line.put("step", m.step());
    line.put("lr", m.learningRate());
    line.put("train_loss", finiteOrNull(m.trainLoss()));
    line.put("weight_penalty", finiteOrNull(m.weightPenalty()));
    line.put("l1_penalty", finiteOrNull(m.l1Penalty()));
    line.put("train_accuracy", finiteOrNull(m.trainAccuracy()));
    line.put("validation_loss", finiteOrNull(m.validationLoss()));
    line.put("validation_accuracy", finiteOrNull(m.validationAccuracy()));
    line.put("seconds", m.seconds());
    if (m.stopReason() != null) {
      line.put("stopped", m.stopReason());
    }
    return line;
  }

  /**
   * The epoch a parsed line holds (null figures read back as NaN; a line without l1_penalty, from
   * before it was logged, as 0).
   *
   * @throws IllegalArgumentException if the line is not an epoch's metrics
   */
  public static EpochMetrics parse(JsonNode n) {
    if (n == null || !n.path("epoch").isInt() || !n.path("step").canConvertToLong()) {
      throw new IllegalArgumentException("not an epoch's metrics");
    }
    return new EpochMetrics(
        n.get("epoch").asInt(),
        n.get("step").asLong(),
        number(n, "lr"),
        number(n, "train_loss"),
        number(n, "weight_penalty"),
        n.has("l1_penalty") ? number(n, "l1_penalty") : 0,
        number(n, "train_accuracy"),
        number(n, "validation_loss"),
        number(n, "validation_accuracy"),
        number(n, "seconds"),
        n.path("stopped").isTextual() ? n.get("stopped").asText() : null);
  }

  /** A number field of a line or file, NaN when null or missing. */
  static double number(JsonNode line, String field) {
    JsonNode v = line.path(field);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }

  /** JSON has no NaN: a missing figure is written as null. */
  public static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
