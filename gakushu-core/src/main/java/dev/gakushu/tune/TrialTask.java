package dev.gakushu.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A piece of a trial for an executor to run: train {@code spec} (the trial's run specification,
 * with its sampled values and its seed) up to epoch {@code until}, continuing from {@code snapshot}
 * (a {@link dev.gakushu.train.Snapshot}; empty to start from the beginning). A random search's
 * trial is one task; under successive halving a trial is a task per stretch between two rungs.
 *
 * <p>A task travels as JSON text ({@link #toJson}) plus the snapshot's bytes, never as a Java
 * object, so that any executor — a local thread or a Spark task on another machine — rebuilds the
 * same trial and computes the same bits.
 *
 * @param until the last epoch to run, at most the specification's epochs
 */
public record TrialTask(int trial, RunSpec spec, int until, byte[] snapshot) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  public TrialTask {
    if (trial < 0 || until < 1 || until > spec.loop().epochs()) {
      throw new IllegalArgumentException(
          "trial " + trial + " until epoch " + until + " of " + spec.loop().epochs());
    }
  }

  /** Everything but the snapshot, as JSON text. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trial", trial);
    m.put("until", until);
    m.put("spec", RunSpecJson.toMap(spec));
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The task that {@link #toJson} and its snapshot describe.
   *
   * @throws IllegalArgumentException if the text is not such a task
   */
  public static TrialTask fromJson(String json, byte[] snapshot) {
    try {
      JsonNode n = JSON.readTree(json);
      return new TrialTask(
          n.path("trial").intValue(),
          RunSpecJson.fromMap(JSON.convertValue(n.get("spec"), MAP), "trial task"),
          n.path("until").intValue(),
          snapshot);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("not a trial task: " + e.getMessage(), e);
    }
  }
}
