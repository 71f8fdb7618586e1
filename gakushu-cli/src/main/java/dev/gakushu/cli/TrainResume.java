package dev.gakushu.cli;

import dev.gakushu.data.DataAccess;
import dev.gakushu.train.Checkpoint;
import dev.gakushu.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * train --resume: the run directory of a train run, resumed from its checkpoint, with beside it
 * only the options that say where data is and how to show progress, never what the run is.
 */
final class TrainResume {
  private static final Set<String> ALLOWED_WITH_RESUME =
      Set.of(
          "--resume",
          "--no-progress",
          "--data-dir",
          "--offline",
          "--checkpoint-every",
          "--layer-stats-every",
          "--tensorboard",
          "--dashboard",
          "--dashboard-port");

  private TrainResume() {}

  /**
   * The run in {@code dir}, taken (its lock held) at its checkpoint, a refused field named by the
   * file it is in.
   *
   * @throws picocli.CommandLine.ParameterException for an option that would change the run's
   *     specification, or a {@code dir} that is not a train run's directory
   */
  static TrainingRun open(CommandSpec spec, Path dir, DataAccess access) {
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (!ALLOWED_WITH_RESUME.contains(o.longestName())) {
        throw Checks.invalid(
            spec,
            o.longestName(),
            String.valueOf(o.<Object>getValue()),
            "no "
                + o.longestName()
                + " with --resume: the run continues with the specification in its config.json");
      }
    }
    if (!Files.isRegularFile(dir.resolve(TrainingRun.CONFIG))
        || !Files.isRegularFile(dir.resolve(Checkpoint.FILE))) {
      throw Checks.invalid(
          spec,
          "--resume",
          dir,
          "the run directory of a train run, with "
              + TrainingRun.CONFIG
              + " and "
              + Checkpoint.FILE);
    }
    Path config = dir.resolve(TrainingRun.CONFIG);
    return Checks.mapped(spec, config, () -> TrainingRun.resume(dir, access));
  }
}
