package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.Search;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** tune --sampler and its --tpe-* settings. */
final class SamplerOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--sampler",
      defaultValue = "random",
      paramLabel = "NAME",
      description =
          "How trials are drawn: random (the book's), tpe (tree-structured Parzen estimators, "
              + "Optuna's default) or grid (every point of the choice and int dimensions once, in "
              + "order; all of them without --trials) (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(
      names = "--tpe-startup",
      paramLabel = "N",
      description =
          "With --sampler tpe: random trials before TPE models the results (default: 10).")
  Integer tpeStartup;

  @Option(
      names = "--tpe-gamma",
      paramLabel = "G",
      description =
          "With --sampler tpe: the best min(ceil(G*n), 25) of n trials make up l(x) (default: 0.1).")
  Double tpeGamma;

  @Option(
      names = "--tpe-candidates",
      paramLabel = "N",
      description =
          "With --sampler tpe: points drawn from l(x) to pick the best l(x)/g(x) of (default: 24).")
  Integer tpeCandidates;

  @Option(
      names = "--tpe-lag",
      paramLabel = "K",
      description =
          "With --sampler tpe: trial n learns from trials 0..n-K-1, the K before it count as "
              + "running, so up to K+1 trials run at once with the same results on any number of "
              + "workers (default: 3).")
  Integer tpeLag;

  /** A resumed search's sampler, for the --sampler and --tpe-* options not given. */
  void takeSampler(SamplerSettings recorded) {
    sampler = recorded.name();
    if (recorded.name().equals("tpe")) {
      tpeStartup = tpeStartup != null ? tpeStartup : recorded.startup();
      tpeCandidates = tpeCandidates != null ? tpeCandidates : recorded.candidates();
      tpeGamma = tpeGamma != null ? tpeGamma : recorded.gamma();
      tpeLag = tpeLag != null ? tpeLag : recorded.lag();
    }
  }

  /** The sampler --sampler names, with the --tpe-* settings given or Optuna's defaults. */
  SamplerSettings samplerSettings() {
    SamplerSettings d = SamplerSettings.TPE_DEFAULT;
    if (sampler.equals("tpe")) {
      Checks.atLeast(spec, "--tpe-startup", tpeStartup == null ? 0 : tpeStartup, 0);
      Checks.atLeast(spec, "--tpe-candidates", tpeCandidates == null ? 1 : tpeCandidates, 1);
      Checks.atLeast(spec, "--tpe-lag", tpeLag == null ? 0 : tpeLag, 0);
      if (tpeGamma != null && !(tpeGamma > 0 && tpeGamma <= 1)) {
        throw Checks.invalid(spec, "--tpe-gamma", tpeGamma, "a fraction in (0, 1]");
      }
      return new SamplerSettings(
          "tpe",
          tpeStartup == null ? d.startup() : tpeStartup,
          tpeCandidates == null ? d.candidates() : tpeCandidates,
          tpeGamma == null ? d.gamma() : tpeGamma,
          tpeLag == null ? d.lag() : tpeLag);
    }
    if (!sampler.equals("random") && !sampler.equals("grid")) {
      throw Checks.invalid(spec, "--sampler", "'" + sampler + "'", "random, tpe or grid");
    }
    for (Object given : new Object[] {tpeStartup, tpeGamma, tpeCandidates, tpeLag}) {
      if (given != null) {
        throw Checks.invalid(
            spec, "--sampler", sampler + " with --tpe-* settings", "--sampler tpe to set them");
      }
    }
    return sampler.equals("grid") ? SamplerSettings.GRID : SamplerSettings.RANDOM;
  }

  /** The search's settings, a space the grid sampler cannot take refused as --sampler's. */
  Search.Settings settings(Supplier<Search.Settings> build) {
    try {
      return build.get();
    } catch (BadInputException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--sampler " + sampler + ": " + e.getMessage(), e, null, sampler);
    }
  }

  /**
   * The trials to run: --trials or, with the grid sampler and no --trials, every point of the grid;
   * with the grid sampler no more than its points.
   */
  int trials(Search.Settings settings, int given) {
    boolean every =
        settings.sampler().isGrid()
            && !spec.commandLine().getParseResult().hasMatchedOption("--trials");
    return settings.trials(every ? Integer.MAX_VALUE : given);
  }
}
