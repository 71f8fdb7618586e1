package dev.gakushu.tune;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.spec.InvalidSpecException;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search's journal as someone who watches the search reads it (the dashboard follows a running
 * {@code tune} with it): the space and seed of its first line, then its finished trials a line at a
 * time as the journal grows; {@link Importance#of} of them with that seed is what {@code tune}
 * reports. Unlike {@link Search}, which refuses a damaged journal, it passes over a line that is
 * not a well-formed trial of this space.
 */
public final class SearchJournal {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final SearchSpace space;
  private final RunSpec base;
  private final long seed;

  private SearchJournal(SearchSpace space, RunSpec base, long seed) {
    this.space = space;
    this.base = base;
    this.seed = seed;
  }

  /**
   * The search whose journal begins with {@code settings}.
   *
   * @throws BadInputException when it is not a search's settings line
   */
  public static SearchJournal of(JsonNode settings) {
    if (!settings.path("type").asText().equals("search")
        || !settings.path("space").isTextual()
        || !settings.path("base").isObject()
        || !settings.path("seed").canConvertToLong()) {
      throw new BadInputException(
          "not a search's settings; expected the first line of a journal written by tune");
    }
    Map<String, Object> spec = new LinkedHashMap<>(JSON.convertValue(settings.get("base"), MAP));
    spec.put("threads", 1); // no part of a search's identity
    RunSpec base = RunSpecJson.fromMap(spec, Search.JOURNAL + " line 1");
    SearchSpace space = SearchSpace.parse(List.of(settings.get("space").asText().split(" ")), base);
    return new SearchJournal(space, base, settings.get("seed").asLong());
  }

  /**
   * The trial a line after the first holds, or null for any other line (a start, a damaged one).
   */
  public TrialResult trial(JsonNode line) {
    return line.path("type").asText().equals("trial") ? trial(line, space, base) : null;
  }

  public SearchSpace space() {
    return space;
  }

  public long seed() {
    return seed;
  }

  /**
   * A "trial" line of a search over {@code space} from {@code base}, or null when a field is
   * missing or of the wrong type: trial, seed, params (a value of each dimension that applies to
   * the base), validation_accuracy and train_accuracy (as many numbers, at least one) and status.
   */
  static TrialResult trial(JsonNode n, SearchSpace space, RunSpec base) {
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
            && n.path("status").isTextual();
    ok &= params.size() == space.dimensions().size();
    for (SearchSpace.Dimension d : space.dimensions()) {
      ok = ok && params.has(d.name()) && isSetting(base, d.name(), params.get(d.name()));
    }
    ok = ok && !validation.isEmpty() && validation.size() == training.size();
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

  /** Whether a journal's value of a dimension applies to the search's base specification. */
  private static boolean isSetting(RunSpec base, String name, JsonNode value) {
    if (!value.isNumber() && !value.isTextual()) {
      return false;
    }
    try {
      Search.trialSpec(base, Map.of(name, value.asText()));
      return true;
    } catch (InvalidSpecException | NumberFormatException e) {
      return false;
    }
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
}
