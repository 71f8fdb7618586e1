package dev.gakushu.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one JSON line per epoch to {@code metrics.jsonl}: epoch, step, lr, train_loss (the data
 * loss), weight_penalty (the L2 penalty ½λ‖W‖²), l1_penalty (the L1 penalty λ Σ|w|),
 * train_accuracy, validation_loss, validation_accuracy (null without validation data), seconds and,
 * on the last line of a run that stopped early, stopped (why).
 */
public final class MetricsLog implements TrainListener {
  public static final String FILE = "metrics.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RunDirectory run;

  public MetricsLog(RunDirectory run) {
    this.run = run;
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
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
    run.appendJsonLine(FILE, line);
  }

  /**
   * The epochs logged in {@code run}'s metrics.jsonl, in order (null figures read back as NaN).
   *
   * @throws BadInputException naming the file and line when a line is not a complete epoch
   */
  public static List<EpochMetrics> read(RunDirectory run) {
    return readFirst(run, Integer.MAX_VALUE);
  }

  /**
   * The first {@code epochs} epochs logged in {@code run}'s metrics.jsonl (fewer if it holds fewer
   * lines), as {@link #read}; the lines after them, a torn last one included, are not read.
   */
  public static List<EpochMetrics> readFirst(RunDirectory run, int epochs) {
    Path file = run.path().resolve(FILE);
    List<EpochMetrics> read = new ArrayList<>();
    List<String> lines;
    try {
      lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (int i = 0; i < Math.min(lines.size(), epochs); i++) {
      try {
        JsonNode n = JSON.readTree(lines.get(i));
        read.add(
            new EpochMetrics(
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
                n.path("stopped").isTextual() ? n.get("stopped").asText() : null));
      } catch (IOException | RuntimeException e) {
        throw new BadInputException(
            file
                + " line "
                + (i + 1)
                + ": not an epoch's metrics; expected a line written by train");
      }
    }
    return read;
  }

  private static double number(JsonNode line, String field) {
    JsonNode v = line.path(field);
    return v.isNumber() ? v.asDouble() : Double.NaN;
  }

  /** JSON has no NaN: a missing figure is written as null. */
  public static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
