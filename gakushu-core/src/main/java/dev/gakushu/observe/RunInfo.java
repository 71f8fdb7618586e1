package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gakushu.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run ({@code config.json}, the run specification, and {@code summary.json} of train) or search
 * ({@code journal.jsonl} of tune), as {@code gakushu runs} lists it: read from its files only.
 *
 * @param kind "train" or "search"
 * @param time when its first file was written
 * @param network e.g. {@code 784-100-100-10 relu}
 * @param epochs epochs done and planned, e.g. {@code 3/30}; for a search, trials finished
 * @param bestValidation the best validation accuracy of any epoch (of any trial), or NaN
 * @param testAccuracy the final test accuracy (a search's retrained best), or NaN
 */
public record RunInfo(
    Path dir,
    String kind,
    Instant time,
    String command,
    String data,
    String network,
    String optimizer,
    String epochs,
    double bestValidation,
    double testAccuracy,
    RunStatus.State status) {
  public static final String CONFIG = "config.json";
  public static final String JOURNAL = "journal.jsonl";

  /** The deepest folder below the root {@link #under} looks into. */
  public static final int MAX_DEPTH = 3;

  private static final Pattern DENSE = Pattern.compile("dense\\((\\d+)->(\\d+)\\)");

  /** This run with another status. */
  public RunInfo withStatus(RunStatus.State newStatus) {
    return new RunInfo(
        dir,
        kind,
        time,
        command,
        data,
        network,
        optimizer,
        epochs,
        bestValidation,
        testAccuracy,
        newStatus);
  }

  /** Whether {@code dir} holds a run or a search. */
  public static boolean isRun(Path dir) {
    return Files.isRegularFile(dir.resolve(CONFIG)) || Files.isRegularFile(dir.resolve(JOURNAL));
  }

  /**
   * Every run and search in {@code root} or in folders below it (three levels at most; a run's own
   * folder is not searched further, nor a symbolic link to a folder), oldest first.
   */
  public static List<RunInfo> under(Path root) {
    return under(root, RunInfo::read);
  }

  /**
   * Like {@link #under(Path)}, each run read by {@code reader}, which may return null to leave a
   * run out.
   */
  public static List<RunInfo> under(Path root, Function<Path, RunInfo> reader) {
    if (!Files.isDirectory(root)) {
      throw new BadInputException(root + " is not a folder; expected a folder of runs");
    }
    List<RunInfo> runs = new java.util.ArrayList<>();
    collect(root, 0, reader, runs);
    runs.sort(java.util.Comparator.comparing(RunInfo::time).thenComparing(RunInfo::dir));
    return runs;
  }

  private static void collect(
      Path dir, int depth, Function<Path, RunInfo> reader, List<RunInfo> runs) {
    if (isRun(dir)) {
      RunInfo run = reader.apply(dir);
      if (run != null) {
        runs.add(run);
      }
      return;
    }
    if (depth == MAX_DEPTH) {
      return;
    }
    try (var children = Files.list(dir)) {
      for (Path child :
          children.filter(c -> Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
        collect(child, depth + 1, reader, runs);
      }
    } catch (IOException e) {
      // an unreadable folder holds no run we can show
    }
  }

  /** Reads the run or search in {@code dir}. */
  public static RunInfo read(Path dir) {
    if (Files.isRegularFile(dir.resolve(CONFIG))) {
      return train(dir);
    }
    if (Files.isRegularFile(dir.resolve(JOURNAL))) {
      return search(dir);
    }
    throw new BadInputException(
        dir + " is not a run or search directory; expected config.json or journal.jsonl in it");
  }

  private static RunInfo train(Path dir) {
    JsonNode config = RunFiles.object(dir.resolve(CONFIG));
    List<JsonNode> metrics = RunFiles.lines(dir.resolve("metrics.jsonl"));
    JsonNode summary = RunFiles.object(dir.resolve("summary.json"));
    String activation = config.at("/network/activation").asText("");
    double best = Double.NaN;
    for (JsonNode m : metrics) {
      best = max(best, m.path("validation_accuracy"));
    }
    RunStatus.State status = RunStatus.read(dir);
    if (status == null) {
      status = summary.isMissingNode() ? RunStatus.State.STOPPED : RunStatus.State.FINISHED;
    }
    return new RunInfo(
        dir,
        "train",
        created(dir.resolve(CONFIG)),
        "train",
        config.at("/data/source").asText("?"),
        summary.has("network")
            ? network(summary.path("network").asText(), activation)
            : hidden(config.at("/network/hidden")) + " " + activation,
        summary.path("optimizer").asText(config.at("/optimizer/name").asText("?")),
        metrics.size() + "/" + config.at("/loop/epochs").asText("?"),
        best,
        summary.path("test_accuracy").asDouble(Double.NaN),
        status);
  }

  private static RunInfo search(Path dir) {
    List<JsonNode> journal = RunFiles.lines(dir.resolve(JOURNAL));
    JsonNode settings = journal.isEmpty() ? MissingNode.getInstance() : journal.get(0);
    JsonNode results = RunFiles.object(dir.resolve("results.json"));
    double best = Double.NaN;
    int trials = 0;
    for (JsonNode line : journal) {
      if (line.path("type").asText().equals("trial")) {
        trials++;
        for (JsonNode v : line.path("validation_accuracy")) {
          best = max(best, v);
        }
      }
    }
    RunStatus.State status = RunStatus.read(dir);
    if (status == null) {
      status = results.isMissingNode() ? RunStatus.State.STOPPED : RunStatus.State.FINISHED;
    }
    JsonNode base = settings.path("base");
    return new RunInfo(
        dir,
        "search",
        created(dir.resolve(JOURNAL)),
        "tune " + settings.path("scheduler").asText(""),
        settings.path("data").asText("?"),
        hidden(base.at("/network/hidden")) + " " + base.at("/network/activation").asText(""),
        base.at("/optimizer/name").asText("?"),
        trials + " trials",
        best,
        results.path("retrained_test_accuracy").asDouble(Double.NaN),
        status);
  }

  /** [100, 100] as {@code 100-100}. */
  private static String hidden(JsonNode units) {
    List<String> sizes = new java.util.ArrayList<>();
    units.forEach(u -> sizes.add(u.asText()));
    return sizes.isEmpty() ? "no hidden layer" : String.join("-", sizes);
  }

  private static double max(double best, JsonNode value) {
    if (!value.isNumber()) {
      return best;
    }
    return Double.isNaN(best) ? value.asDouble() : Math.max(best, value.asDouble());
  }

  /**
   * {@code dense(784->100) relu dense(100->100) relu dense(100->10)} as {@code 784-100x2-10 relu}:
   * the layer widths, repeated hidden widths counted.
   */
  static String network(String description, String activation) {
    Matcher m = DENSE.matcher(description);
    List<String> widths = new java.util.ArrayList<>();
    while (m.find()) {
      if (widths.isEmpty()) {
        widths.add(m.group(1));
      }
      widths.add(m.group(2));
    }
    if (widths.isEmpty()) {
      return description;
    }
    StringBuilder text = new StringBuilder(widths.get(0));
    for (int i = 1; i < widths.size(); ) {
      int same = 1;
      while (i + same < widths.size() - 1 && widths.get(i + same).equals(widths.get(i))) {
        same++;
      }
      text.append('-').append(widths.get(i)).append(same > 1 ? "x" + same : "");
      i += same;
    }
    if (description.contains("batchnorm")) {
      text.append(" bn");
    }
    if (description.contains("dropout")) {
      text.append(" dropout");
    }
    return activation.isEmpty() ? text.toString() : text + " " + activation;
  }

  /** When {@code file} was created where the file system knows, else when it last changed. */
  private static Instant created(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).creationTime().toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
