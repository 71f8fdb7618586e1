package dev.gakushu.cli;

import dev.gakushu.Conventions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The seed, thread count and conventions of a run. */
final class RunOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "N",
      description =
          "The run's one seed: splitting, initial weights and shuffling derive their streams from it. "
              + "Any whole number (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads for matrix products; results are bit-identical for any count (default: all cores).")
  Integer threads;

  @Option(
      names = "--conventions",
      defaultValue = "pytorch",
      paramLabel = "NAME",
      description =
          "pytorch (default) or book: the book's Adam, Nesterov and Momentum forms, its ε values and "
              + "learning rates, its BatchNorm (ε 1e-6, running variance from 0) and non-inverted dropout.")
  String conventions;

  Conventions conventions() {
    return Checks.conventions(spec, conventions);
  }

  int threads() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  void validate() {
    conventions();
    if (threads != null) {
      Checks.atLeast(spec, "--threads", threads, 1);
      if (threads > 1024) {
        throw Checks.invalid(spec, "--threads", threads, "at most 1024");
      }
    }
  }
}
