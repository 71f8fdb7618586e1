package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchRun;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a search is written: a new search directory, or the one --resume continues, and whether the
 * best configuration is retrained into its best/.
 */
final class SearchDirectoryOptions {
  @Option(
      names = "--retrain-best",
      description =
          "Train the best configuration on training + validation data into the run directory best/ "
              + "of the search directory and report its test accuracy once.")
  boolean retrainBest;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Search directory (default: runs/<time>-tune).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the search in DIR with the settings it was started with (from its journal): "
              + "finished trials are kept; --trials may extend it. An option of the search given "
              + "again must say the same.")
  Path resume;

  /** The search --resume names, or null without it. */
  SearchResume resumed() {
    if (resume == null) {
      return null;
    }
    if (!Files.isRegularFile(resume.resolve(Search.JOURNAL))) {
      throw new BadInputException("--resume " + resume + ": no " + Search.JOURNAL + " to resume");
    }
    return new SearchResume(resume);
  }

  /** Refuses an --out that is not new or empty, and a resumed search's best/ in the way. */
  void requireUsable() {
    if (out != null && resume == null) {
      RunDirectory.requireUsable(out);
    }
    if (retrainBest && resume != null) {
      RunDirectory.requireUsable(resume.resolve(SearchRun.BEST));
    }
  }

  /** The search directory: the resumed one, --out, or a new one under runs/. */
  RunDirectory directory() {
    return resume != null
        ? RunDirectory.existing(resume)
        : out != null
            ? RunDirectory.createAt(out)
            : RunDirectory.createUnder(Path.of("runs"), "tune");
  }
}
