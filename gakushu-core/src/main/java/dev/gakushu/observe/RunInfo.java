package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.BadInputException;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.run.JournalFile;
import dev.gakushu.run.MetricsFile;
import dev.gakushu.run.ResultsFile;
import dev.gakushu.run.RunFile;
import dev.gakushu.run.RunKind;
import dev.gakushu.run.Summary;
import dev.gakushu.run.SummaryFile;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One run ({@code config.json}, the run specification, and {@code summary.json} of train), search
 * ({@code journal.jsonl} of tune) or experiment ({@code findings.json}), as {@code gakushu runs}
 * lists it: read from its files through their codecs ({@link RunSpecJson}, {@link MetricsFile},
 * {@link SummaryFile}).
 *
 * @param kind "train", "search" or "experiment" ({@link RunKind#label()})
 * @param time when its first file was written
 * @param network e.g. {@code 784-100-100-10 relu}
 * @param epochs epochs done and planned, e.g. {@code 3/30}; for a search, trials finished
 * @param bestValidation a train run's best validation accuracy of any epoch; a search's best trial
 *     score as tune ranks trials ({@link TrialResult#scoreOf(List)}: the validation accuracy after
 *     a trial's last epoch); NaN when none
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
  public static final String CONFIG = RunFile.CONFIG;
  public static final String JOURNAL = RunFile.JOURNAL;

  /** The deepest folder below the root {@link #under} looks into. */
  public static final int MAX_DEPTH = 3;

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

  /** Whether {@code dir} holds a run, a search or an experiment. */
  public static boolean isRun(Path dir) {
    return RunKind.of(dir) != null;
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

  /** Reads the run, search or experiment in {@code dir}. */
  public static RunInfo read(Path dir) {
    RunKind kind = RunKind.of(dir);
    if (kind == null) {
      throw new BadInputException(
          dir
              + " is not a run, search or experiment directory; expected "
              + CONFIG
              + ", "
              + JOURNAL
              + " or "
              + RunFile.FINDINGS
              + " in it");
    }
    return switch (kind) {
      case TRAIN -> train(dir);
      case SEARCH -> search(dir);
      case EXPERIMENT -> experiment(dir);
    };
  }

  /**
   * The run specification in {@code dir}'s config.json, or null when it is missing or unusable (a
   * folder being written, or of another Gakushu).
   */
  static RunSpec spec(Path dir) {
    Path file = dir.resolve(CONFIG);
    JsonNode node = RunFiles.object(file);
    if (node.isMissingNode()) {
      return null;
    }
    try {
      return RunSpecJson.parse(node.toString(), file.toString());
    } catch (BadInputException e) {
      return null;
    }
  }

  /** The complete epochs of {@code dir}'s metrics.jsonl; a line that is not one is skipped. */
  static List<EpochMetrics> epochs(Path dir) {
    List<EpochMetrics> epochs = new java.util.ArrayList<>();
    for (JsonNode line : RunFiles.lines(dir.resolve(RunFile.METRICS))) {
      try {
        epochs.add(MetricsFile.parse(line));
      } catch (IllegalArgumentException e) {
        // a line of another writer shows no epoch
      }
    }
    return epochs;
  }

  private static RunInfo train(Path dir) {
    RunSpec spec = spec(dir);
    List<EpochMetrics> metrics = epochs(dir);
    Summary summary = SummaryFile.parse(RunFiles.object(dir.resolve(RunFile.SUMMARY)));
    String activation = spec == null ? "" : " " + spec.network().activation().id();
    double best = Double.NaN;
    for (EpochMetrics m : metrics) {
      best = max(best, m.validationAccuracy());
    }
    RunStatus.State status = RunStatus.read(dir);
    if (status == null) {
      status = summary == null ? RunStatus.State.STOPPED : RunStatus.State.FINISHED;
    }
    String network =
        summary != null && !summary.widths().isEmpty()
            ? summary.shape() + activation
            : spec == null ? "?" : hidden(spec.network().hidden()) + activation;
    return new RunInfo(
        dir,
        RunKind.TRAIN.label(),
        created(dir.resolve(CONFIG)),
        "train",
        spec == null ? "?" : spec.data().source(),
        network,
        summary != null ? summary.optimizer() : spec == null ? "?" : spec.optimizer().name(),
        metrics.size() + "/" + (spec == null ? "?" : spec.loop().epochs()),
        best,
        summary == null ? Double.NaN : summary.testAccuracy(),
        status);
  }

  /** An experiment: its findings, no network or epochs of its own. */
  private static RunInfo experiment(Path dir) {
    JsonNode findings = RunFiles.object(dir.resolve(RunFile.FINDINGS));
    RunStatus.State status = RunStatus.read(dir);
    return new RunInfo(
        dir,
        RunKind.EXPERIMENT.label(),
        created(dir.resolve(RunFile.FINDINGS)),
        "experiment",
        "-",
        "-",
        "-",
        findings.size() + " findings",
        Double.NaN,
        Double.NaN,
        status == null ? RunStatus.State.FINISHED : status);
  }

  private static RunInfo search(Path dir) {
    List<JsonNode> journal = RunFiles.lines(dir.resolve(JOURNAL));
    JournalFile.Header settings = header(journal);
    ResultsFile.Results results = ResultsFile.parse(RunFiles.object(dir.resolve(RunFile.RESULTS)));
    List<Double> scores = JournalFile.scores(journal);
    double best = Double.NaN;
    for (double score : scores) {
      best = max(best, score);
    }
    RunStatus.State status = RunStatus.read(dir);
    if (status == null) {
      status = results == null ? RunStatus.State.STOPPED : RunStatus.State.FINISHED;
    }
    RunSpec base = settings == null ? null : settings.base();
    return new RunInfo(
        dir,
        RunKind.SEARCH.label(),
        created(dir.resolve(JOURNAL)),
        "tune " + (settings == null ? "" : settings.scheduler()),
        settings == null ? "?" : settings.data(),
        base == null
            ? "? "
            : hidden(base.network().hidden()) + " " + base.network().activation().id(),
        base == null ? "?" : base.optimizer().name(),
        scores.size() + " trials",
        best,
        results == null ? Double.NaN : results.retrainedTestAccuracy(),
        status);
  }

  /** The settings on a journal's first line, or null when it holds none this Gakushu reads. */
  private static JournalFile.Header header(List<JsonNode> journal) {
    if (journal.isEmpty() || !JournalFile.isHeader(journal.get(0))) {
      return null;
    }
    try {
      return JournalFile.header(journal.get(0), JOURNAL + " line 1");
    } catch (IllegalArgumentException | BadInputException e) {
      return null;
    }
  }

  /** [100, 100] as {@code 100-100}. */
  private static String hidden(List<Integer> units) {
    return units.isEmpty()
        ? "no hidden layer"
        : String.join("-", units.stream().map(String::valueOf).toList());
  }

  /** The larger of two accuracies, NaN (none) giving way to any number. */
  private static double max(double best, double value) {
    if (Double.isNaN(value)) {
      return best;
    }
    return Double.isNaN(best) ? value : Math.max(best, value);
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
