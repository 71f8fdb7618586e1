package dev.gakushu.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codec of {@link RunFile#JOURNAL}, a search's journal: one compact JSON object a line. Line 1
 * is the search's settings ({@link Header}: type "search", data, space, base, scheduler, sampler
 * unless random, seed); then a "start" line (type, trial) when a trial begins and a "trial" line
 * ({@link TrialResult}: type, trial, seed, params, validation_accuracy, train_accuracy, status)
 * when it ends.
 */
public final class JournalFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private JournalFile() {}

  /**
   * The settings that identify a search, the journal's first line.
   *
   * @param space the search space as its {@code --space} values, separated by spaces
   * @param base the specification every trial starts from; its thread count is no part of the
   *     search (it is not written, and reads back as 1)
   * @param sampler the sampler's settings, or null for the random sampler (whose journals name
   *     none, as they did before TPE)
   */
  public record Header(
      String data, String space, RunSpec base, String scheduler, Sampler sampler, long seed) {}

  /** A sampler's settings as the journal holds them (see {@code tune.SamplerSettings}). */
  public record Sampler(String name, int startup, int candidates, double gamma, int lag) {}

  /** The first line of the journal of {@code h}, as JSON text. */
  public static String headerLine(Header h) {
    return text(headerJson(h));
  }

  /** The first line's JSON object, in the order it is written. */
  public static Map<String, Object> headerJson(Header h) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("type", "search");
    d.put("data", h.data());
    d.put("space", h.space());
    Map<String, Object> spec = new LinkedHashMap<>(RunSpecJson.toMap(h.base()));
    spec.remove("threads"); // the same search on any number of threads
    d.put("base", spec);
    d.put("scheduler", h.scheduler());
    if (h.sampler() != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", h.sampler().name());
      s.put("startup", h.sampler().startup());
      s.put("candidates", h.sampler().candidates());
      s.put("gamma", h.sampler().gamma());
      s.put("lag", h.sampler().lag());
      d.put("sampler", s);
    }
    d.put("seed", h.seed());
    return d;
  }

  /** Whether a parsed line is a search's settings (type "search"), as line 1 must be. */
  public static boolean isHeader(JsonNode n) {
    return n != null && n.isObject() && "search".equals(n.path("type").asText());
  }

  /**
   * The settings a parsed first line holds.
   *
   * @param origin where the line comes from, for messages about its base specification
   * @throws IllegalArgumentException if a field is missing or of the wrong type
   * @throws dev.gakushu.BadInputException if its base is not a run specification
   */
  public static Header header(JsonNode n, String origin) {
    if (!isHeader(n)
        || !n.path("space").isTextual()
        || !n.path("base").isObject()
        || !n.path("seed").canConvertToLong()) {
      throw new IllegalArgumentException("not a search's settings");
    }
    Map<String, Object> spec = new LinkedHashMap<>(JSON.convertValue(n.get("base"), MAP));
    spec.put("threads", 1);
    return new Header(
        n.path("data").asText(""),
        n.get("space").asText(),
        RunSpecJson.fromMap(spec, origin),
        n.path("scheduler").asText(""),
        sampler(n.path("sampler")),
        n.get("seed").asLong());
  }

  private static Sampler sampler(JsonNode s) {
    if (s.isMissingNode()) {
      return null;
    }
    if (!s.path("name").isTextual()
        || !s.path("startup").isInt()
        || !s.path("candidates").isInt()
        || !s.path("gamma").isNumber()
        || !s.path("lag").isInt()) {
      throw new IllegalArgumentException("the sampler " + s + " is not a search's sampler");
    }
    return new Sampler(
        s.get("name").asText(),
        s.get("startup").asInt(),
        s.get("candidates").asInt(),
        s.get("gamma").asDouble(),
        s.get("lag").asInt());
  }

  /** The line that says trial {@code trial} has begun. */
  public static String startLine(int trial) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "start");
    line.put("trial", trial);
    return text(line);
  }

  /** The line of a finished trial. */
  public static String trialLine(TrialResult r) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("type", "trial");
    line.put("trial", r.trial());
    line.put("seed", r.seed());
    line.put("params", r.params());
    line.put("validation_accuracy", r.validationAccuracy());
    line.put("train_accuracy", r.trainAccuracy());
    line.put("status", r.status());
    return text(line);
  }

  /** Whether a parsed line is a finished trial's (type "trial"). */
  public static boolean isTrial(JsonNode n) {
    return n != null && "trial".equals(n.path("type").asText());
  }

  /**
   * The trial a "trial" line holds, or null when a field is missing or of the wrong type: trial (≥
   * 0), seed, params (an object of numbers and words), validation_accuracy and train_accuracy (as
   * many numbers, at least one) and status. Whether the params fit the search is the search's to
   * check.
   */
  public static TrialResult trial(JsonNode n) {
    JsonNode params = n.path("params");
    JsonNode validation = n.path("validation_accuracy");
    JsonNode training = n.path("train_accuracy");
    boolean ok =
        n.path("trial").canConvertToInt()
            && n.path("trial").asInt() >= 0
            && n.path("seed").canConvertToLong()
            && params.isObject()
            && isNumbers(validation)
            && isNumbers(training)
            && n.path("status").isTextual()
            && !validation.isEmpty()
            && validation.size() == training.size();
    for (JsonNode v : params) {
      ok &= v.isNumber() || v.isTextual();
    }
    if (!ok) {
      return null;
    }
    return new TrialResult(
        n.get("trial").asInt(),
        n.get("seed").asLong(),
        JSON.convertValue(params, MAP),
        doubles(validation),
        doubles(training),
        n.get("status").asText());
  }

  /** The score of each "trial" line of a journal, as {@link TrialResult#score()} gives it. */
  public static List<Double> scores(List<JsonNode> lines) {
    List<Double> scores = new ArrayList<>();
    for (JsonNode line : lines) {
      if (isTrial(line)) {
        List<Double> accuracy = new ArrayList<>();
        line.path("validation_accuracy").forEach(v -> accuracy.add(v.asDouble(Double.NaN)));
        scores.add(TrialResult.scoreOf(accuracy));
      }
    }
    return scores;
  }

  private static boolean isNumbers(JsonNode array) {
    if (!array.isArray()) {
      return false;
    }
    for (JsonNode v : array) {
      if (!v.isNumber()) {
        return false;
      }
    }
    return true;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asDouble()));
    return values;
  }

  private static String text(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
