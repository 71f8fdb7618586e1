package dev.gakushu.tune;

import dev.gakushu.run.TrialResult;
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

    /**
     * The history of these finished trials and, for trials that have not finished, the values drawn
     * for them.
     */
    static History of(Map<Integer, TrialResult> finished, Map<Integer, Map<String, Object>> drawn) {
      return new History() {
        @Override
        public TrialResult result(int trial) {
          return finished.get(trial);
        }

        @Override
        public Map<String, Object> params(int trial) {
          TrialResult r = finished.get(trial);
          return r != null ? r.params() : drawn.get(trial);
        }
      };
    }
  }

  /** Trial n's values can be drawn once trials 0..needs(n)−1 have finished. */
  int needs(int trial);

  /** Trial n's values. */
  Map<String, Object> propose(int trial, History history);
}
