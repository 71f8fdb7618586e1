package dev.gakushu.tune;

import dev.gakushu.run.JournalFile;
import java.util.List;

/**
 * How a search chooses each trial's values: {@code random} (the book's method, every trial drawn
 * independently), {@code tpe} (tree-structured Parzen estimators, {@link TpeSampler}) with its
 * settings, Optuna's defaults being {@link #TPE_DEFAULT}'s, or {@code grid} (every point of a grid
 * of choice and int dimensions once, in a fixed order, {@link GridSampler}).
 *
 * @param startup trials drawn at random before TPE models the results (Optuna's n_startup_trials)
 * @param candidates points drawn from l(x) to pick the best l(x)/g(x) from (n_ei_candidates)
 * @param gamma the fraction γ of the observed trials that make up l(x): the best min(⌈γ·n⌉, 25)
 * @param lag trial n learns from the results of trials 0..n−lag−1; trials n−lag..n−1 count as
 *     pending, whatever the timing, so that up to lag + 1 trials run at once and the trials are the
 *     same for any number of workers
 */
public record SamplerSettings(String name, int startup, int candidates, double gamma, int lag) {
  /** The samplers by name (declared before the settings below, which check their name in it). */
  public static final List<String> NAMES = List.of("random", "tpe", "grid");

  public static final SamplerSettings RANDOM = new SamplerSettings("random", 0, 0, 0, 0);

  /** Optuna's defaults (10 start-up trials, 24 candidates, γ = 0.1) and a lag of 3. */
  public static final SamplerSettings TPE_DEFAULT = new SamplerSettings("tpe", 10, 24, 0.1, 3);

  /** The grid sampler: no settings. */
  public static final SamplerSettings GRID = new SamplerSettings("grid", 0, 0, 0, 0);

  /**
   * @throws IllegalArgumentException if a setting is out of its range
   */
  public SamplerSettings {
    require(NAMES.contains(name), "sampler '" + name + "': one of " + String.join(", ", NAMES));
    if (name.equals("tpe")) {
      require(startup >= 0, "TPE start-up trials " + startup + ": a count >= 0");
      require(candidates >= 1, "TPE candidates " + candidates + ": a count >= 1");
      require(gamma > 0 && gamma <= 1, "TPE gamma " + gamma + ": 0 < gamma <= 1");
      require(lag >= 0, "TPE lag " + lag + ": a count >= 0");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public boolean isRandom() {
    return name.equals("random");
  }

  public boolean isGrid() {
    return name.equals("grid");
  }

  /** The sampler for a space and a search seed. */
  Sampler create(SearchSpace space, long seed) {
    return switch (name) {
      case "random" -> new RandomSampler(space, seed);
      case "grid" -> new GridSampler(space);
      default -> new TpeSampler(space, seed, this);
    };
  }

  /** The settings as the journal's first line holds them. */
  JournalFile.Sampler record() {
    return new JournalFile.Sampler(name, startup, candidates, gamma, lag);
  }

  /**
   * The settings a journal's first line holds: random when it names none.
   *
   * @throws IllegalArgumentException if a setting is out of its range
   */
  public static SamplerSettings of(JournalFile.Sampler s) {
    return s == null
        ? RANDOM
        : new SamplerSettings(s.name(), s.startup(), s.candidates(), s.gamma(), s.lag());
  }

  @Override
  public String toString() {
    return !name.equals("tpe")
        ? name
        : String.format(
            java.util.Locale.ROOT,
            "tpe (startup %d, gamma %s, %d candidates, lag %d)",
            startup,
            gamma,
            candidates,
            lag);
  }
}
