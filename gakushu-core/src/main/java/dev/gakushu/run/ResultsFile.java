package dev.gakushu.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codec of {@link RunFile#RESULTS}, a finished search's ranking, as one JSON object: trials,
 * seconds, trials_per_minute, best (the best trial, or null), narrowed, importance (or null),
 * retrained_test_accuracy and retrained_run (only when the best trial was retrained), then results
 * (every trial, best first). A trial is written as its {@link TrialResult} record's components.
 */
public final class ResultsFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultsFile() {}

  /**
   * A finished search.
   *
   * @param results every finished trial, best first
   * @param seconds how long the trials ran
   * @param narrowed each dimension's range around the best trials
   * @param importance each dimension's importance; empty when there is none
   * @param retrainedTestAccuracy the test accuracy of the best trial retrained, NaN when not
   * @param retrainedRun the retrained run's folder in the search directory, null when not
   */
  public record Results(
      List<TrialResult> results,
      double seconds,
      Map<String, String> narrowed,
      Map<String, Double> importance,
      double retrainedTestAccuracy,
      String retrainedRun) {
    public Results {
      results = List.copyOf(results);
      narrowed = new LinkedHashMap<>(narrowed);
      importance = new LinkedHashMap<>(importance);
    }
  }

  /** The JSON object of {@code r}, to be written indented. */
  public static Map<String, Object> toJson(Results r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trials", r.results().size());
    m.put("seconds", r.seconds());
    m.put("trials_per_minute", r.results().size() / (r.seconds() / 60));
    m.put("best", r.results().isEmpty() ? null : r.results().get(0));
    m.put("narrowed", r.narrowed());
    m.put("importance", r.importance().isEmpty() ? null : r.importance());
    if (r.retrainedRun() != null) {
      m.put("retrained_test_accuracy", r.retrainedTestAccuracy());
      m.put("retrained_run", r.retrainedRun());
    }
    m.put("results", r.results());
    return m;
  }

  /**
   * The results a parsed file holds, or null when it holds none (a missing file reads as a missing
   * node).
   */
  public static Results parse(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    try {
      List<TrialResult> trials = new ArrayList<>();
      for (JsonNode t : n.path("results")) {
        trials.add(JSON.treeToValue(t, TrialResult.class));
      }
      Map<String, String> narrowed = new LinkedHashMap<>();
      n.path("narrowed").properties().forEach(e -> narrowed.put(e.getKey(), e.getValue().asText()));
      Map<String, Double> importance = new LinkedHashMap<>();
      n.path("importance")
          .properties()
          .forEach(e -> importance.put(e.getKey(), e.getValue().asDouble()));
      return new Results(
          trials,
          MetricsFile.number(n, "seconds"),
          narrowed,
          importance,
          MetricsFile.number(n, "retrained_test_accuracy"),
          n.path("retrained_run").isTextual() ? n.get("retrained_run").asText() : null);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return null;
    }
  }
}
