package dev.gakushu.tune;

import java.util.Map;

/**
 * Chooses trial n's values from the search seed and, for a model-based sampler, the trials before
 * n. A pure function of those, so a resumed search draws what the first run would have drawn.
 */
interface Sampler {
  /** What a sampler may know of earlier trials. */
  interface History {
    /** Trial m's result, or null if it has not finished. */
    TrialResult result(int trial);

    /** Trial m's values; every trial below the one being drawn has them. */
    Map<String, Object> params(int trial);
  }

  /** Trial n's values can be drawn once trials 0..needs(n)−1 have finished. */
  int needs(int trial);

  /** Trial n's values. */
  Map<String, Object> propose(int trial, History history);
}
