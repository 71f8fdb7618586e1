package dev.gakushu.cli;

import dev.gakushu.Conventions;
import dev.gakushu.spec.RunSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The seed, thread count and conventions of a run. */
final class RunOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description =
          "The run's one seed: splitting, initial weights and shuffling derive their streams from it. "
              + "Any whole number (default: 42).")
  Long seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Threads for matrix products; results are bit-identical for any count (default: all cores).")
  Integer threads;

  @Option(
      names = "--conventions",
      paramLabel = "NAME",
      description =
          "pytorch (default) or book: the book's Adam, Nesterov and Momentum forms, its ε values and "
              + "learning rates, its BatchNorm (ε 1e-6, running variance from 0) and non-inverted dropout.")
  String conventions;

  /** Applies the options given to {@code b}. */
  void applyTo(RunSpec.Builder b) {
    if (seed != null) {
      b.seed(seed);
    }
    if (threads != null) {
      b.threads(threads);
    }
    if (conventions != null) {
      b.conventions(conventions(conventions));
    }
  }

  /** The conventions named {@code value} (pytorch or book). */
  private Conventions conventions(String value) {
    for (Conventions c : Conventions.values()) {
      if (c.id().equalsIgnoreCase(value.trim())) {
        return c;
      }
    }
    throw Checks.invalid(spec, "--conventions", "'" + value + "'", "pytorch or book");
  }
}
