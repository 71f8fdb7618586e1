package dev.gakushu.tune;

import dev.gakushu.run.TrialResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous successive halving (Li et al., 2020, ASHA), made deterministic. Rungs are at epochs
 * 1, η, η², … below the full budget. A trial that reaches a rung continues only if its validation
 * accuracy ranks among the top max(1, ⌊n/η⌋) of the n trials at that rung so far. "So far" means
 * the trials numbered below it: a trial waits until every lower-numbered trial has reached the rung
 * or ended, so the decisions, and thus the results, do not depend on the number of workers or on
 * timing. The search's driver alone calls it, from one thread.
 */
final class Rungs {
  static final int ETA = 3;
  private final int maxEpochs;
  private final Map<Integer, Map<Integer, Double>> scores = new HashMap<>();
  private final Map<Integer, Boolean> ended = new HashMap<>();

  Rungs(int maxEpochs) {
    this.maxEpochs = maxEpochs;
  }

  /** Whether {@code epoch} is a rung (a decision point before the full budget). */
  boolean isRung(int epoch) {
    if (epoch >= maxEpochs) {
      return false;
    }
    for (int r = 1; r < maxEpochs; r *= ETA) {
      if (r == epoch) {
        return true;
      }
    }
    return false;
  }

  /** The epoch a trial that has run {@code epochs} epochs runs up to next: a rung or the last. */
  int nextStop(int epochs) {
    for (int r = 1; r < maxEpochs; r *= ETA) {
      if (r > epochs) {
        return r;
      }
    }
    return maxEpochs;
  }

  /** Records a trial's score at a rung. */
  void record(int trial, int rung, double score) {
    scores.computeIfAbsent(rung, k -> new HashMap<>()).put(trial, score);
  }

  /**
   * Whether a trial recorded at a rung goes on: its score ranks among the top max(1, ⌊n/η⌋) of the
   * n trials numbered up to it at that rung. Only once {@link #canDecide} holds.
   */
  boolean promotes(int trial, int rung) {
    double score = scores.get(rung).get(trial);
    List<Double> seen = new ArrayList<>();
    scores
        .get(rung)
        .forEach(
            (t, s) -> {
              if (t <= trial) {
                seen.add(s);
              }
            });
    int keep = Math.max(1, seen.size() / ETA);
    int better = 0;
    for (Double s : seen) {
      if (s > score) {
        better++;
      }
    }
    return better < keep;
  }

  /**
   * Whether the trial at {@code rung} can be judged: every trial below it has a score at the rung
   * or ended before reaching it.
   */
  boolean canDecide(int trial, int rung) {
    for (int t = 0; t < trial; t++) {
      boolean atRung = scores.getOrDefault(rung, Map.of()).containsKey(t);
      if (!atRung && !ended.getOrDefault(t, false)) {
        return false;
      }
    }
    return true;
  }

  /** A trial is over (completed, stopped or failed): it will report no more rungs. */
  void end(int trial) {
    ended.put(trial, true);
  }

  /** Replays a finished trial from the journal. */
  void replay(TrialResult r) {
    for (int e = 1; e <= r.epochs(); e++) {
      if (isRung(e)) {
        scores
            .computeIfAbsent(e, k -> new HashMap<>())
            .put(r.trial(), r.validationAccuracy().get(e - 1));
      }
    }
    ended.put(r.trial(), true);
  }
}
