package dev.gakushu.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What running a {@link TrialTask} gives back: the validation and training accuracy of each epoch
 * it ran, how it ended and, when it paused, the snapshot to continue from. Like the task it travels
 * as JSON text ({@link #toJson}) plus the snapshot's bytes.
 *
 * @param status {@code completed} (the last epoch ran, or early stopping ended the trial), {@code
 *     diverged} (the loss stopped being finite; a 0 closes both lists) or {@code paused} (at the
 *     task's last epoch, before the trial's)
 * @param threads the threads the trial trained with
 * @param snapshot where a paused trial continues from; empty otherwise
 */
public record TrialOutcome(
    int trial,
    List<Double> validationAccuracy,
    List<Double> trainAccuracy,
    String status,
    int threads,
    byte[] snapshot) {
  public static final String COMPLETED = "completed";
  public static final String DIVERGED = "diverged";
  public static final String PAUSED = "paused";
  private static final ObjectMapper JSON = new ObjectMapper();

  public TrialOutcome {
    validationAccuracy = List.copyOf(validationAccuracy);
    trainAccuracy = List.copyOf(trainAccuracy);
  }

  /** Everything but the snapshot, as JSON text. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trial", trial);
    m.put("validation_accuracy", validationAccuracy);
    m.put("train_accuracy", trainAccuracy);
    m.put("status", status);
    m.put("threads", threads);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The outcome that {@link #toJson} and its snapshot describe.
   *
   * @throws IllegalArgumentException if the text is not such an outcome
   */
  public static TrialOutcome fromJson(String json, byte[] snapshot) {
    try {
      JsonNode n = JSON.readTree(json);
      return new TrialOutcome(
          n.path("trial").intValue(),
          doubles(n.path("validation_accuracy")),
          doubles(n.path("train_accuracy")),
          n.path("status").textValue(),
          n.path("threads").intValue(),
          snapshot);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a trial outcome: " + e.getMessage(), e);
    }
  }

  /** Numbers, and NaN (an epoch without validation), which JSON writes as the string "NaN". */
  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText())));
    return values;
  }
}
