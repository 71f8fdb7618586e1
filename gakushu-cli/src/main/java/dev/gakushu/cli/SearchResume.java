package dev.gakushu.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.run.JournalFile;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.Search;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code tune --resume DIR} takes from the first line of the search's journal: the base
 * specification, the space, the scheduler and the sampler the search was started with, so that the
 * options left out come from the folder (as {@code train --resume} takes its run's config.json). An
 * option given again must say the same, or it is refused, naming it.
 */
final class SearchResume {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final JournalFile.Header recorded;

  SearchResume(Path dir) {
    this.dir = dir;
    this.recorded = Search.recordedSettings(dir);
  }

  /**
   * The recorded base specification, on {@code threads} threads (no part of a search's identity).
   */
  RunSpec base(int threads) {
    return recorded.base().toBuilder().threads(threads).build();
  }

  /** The recorded space, one --space value per dimension. */
  List<String> space() {
    return List.of(recorded.space().split(" "));
  }

  String scheduler() {
    return recorded.scheduler();
  }

  /** The recorded sampler: random when the journal names none (as random searches' do not). */
  SamplerSettings sampler() {
    try {
      return SamplerSettings.of(recorded.sampler());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          dir.resolve(Search.JOURNAL)
              + " line 1: the sampler "
              + recorded.sampler()
              + " is not a search's sampler");
    }
  }

  /**
   * Refuses {@code given} (the recorded settings with the options given applied) where it differs
   * from the recorded settings, naming the option that made the first difference.
   */
  void requireSame(CommandSpec spec, Search.Settings given) {
    Map<String, String> now = leaves(JSON.valueToTree(given.describe()));
    Map<String, String> then = leaves(JSON.valueToTree(JournalFile.headerJson(recorded)));
    TreeSet<String> sorted = new TreeSet<>(now.keySet());
    sorted.addAll(then.keySet());
    // a different sampler is named as such, before the settings it has and the other lacks
    List<String> keys = new ArrayList<>(List.of("sampler.name"));
    keys.addAll(sorted);
    for (String key : keys) {
      String was = then.getOrDefault(key, key.equals("sampler.name") ? "random" : "none");
      String is = now.getOrDefault(key, key.equals("sampler.name") ? "random" : "none");
      if (!was.equals(is)) {
        String flag = flag(key);
        throw Checks.invalid(
            spec,
            flag,
            is,
            was
                + ", the value the search in "
                + dir
                + " was started with; leave "
                + flag
                + " out to resume it, or use a new --out for a new search");
      }
    }
  }

  /** The option that sets a setting, e.g. "base.optimizer.lr" → "--lr". */
  private static String flag(String key) {
    if (key.startsWith("sampler")) {
      return key.equals("sampler.name") || key.equals("sampler")
          ? "--sampler"
          : "--tpe-" + key.substring("sampler.".length());
    }
    String field = key.startsWith("base.") ? key.substring("base.".length()) : key;
    for (String f = field;
        !f.isEmpty();
        f = f.contains(".") ? f.substring(0, f.lastIndexOf('.')) : "") {
      String flag = Checks.FLAGS.get(f);
      if (flag != null) {
        return flag;
      }
    }
    return "--" + field.replace('_', '-');
  }

  /** Every leaf of {@code node} by its dotted path, as JSON text (5 and 5L alike). */
  private static Map<String, String> leaves(JsonNode node) {
    Map<String, String> leaves = new LinkedHashMap<>();
    collect("", node, leaves);
    return leaves;
  }

  private static void collect(String path, JsonNode node, Map<String, String> leaves) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), leaves);
      }
    } else {
      leaves.put(path, node.isTextual() ? node.asText() : node.toString());
    }
  }
}
