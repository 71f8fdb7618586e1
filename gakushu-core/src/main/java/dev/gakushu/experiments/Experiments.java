package dev.gakushu.experiments;

import java.util.List;

/** The chapter's experiments, in the order of the chapter. */
public final class Experiments {
  private Experiments() {}

  public static List<Experiment> all() {
    return List.of(
        new OptimizerPathsExperiment(),
        new OptimizerCompare(),
        new InitHistograms(),
        new InitCompare(),
        new BatchNormCompare(),
        Overfit.weightDecay(),
        Overfit.dropout(),
        new RegularizationCompare(),
        new HyperparameterSearch());
  }

  /** The experiments' names, in the order of the chapter. */
  public static List<String> names() {
    return all().stream().map(Experiment::name).toList();
  }

  /** The experiments {@code name} asks for: all of them for "all", else the one of that name. */
  public static List<Experiment> chosen(String name) {
    if (name.equals("all")) {
      return all();
    }
    Experiment one = byName(name);
    return one == null ? List.of() : List.of(one);
  }

  /** The experiment called {@code name}, or null. */
  public static Experiment byName(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
  }
}
