package dev.gakushu.tune;

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
 * timing.
 */
final class Rungs {
  static final int ETA = 3;
  private final int maxEpochs;
  private final Map<Integer, Map<Integer, Double>> scores = new HashMap<>();
  private final Map<Integer, Integer> lastEpoch = new HashMap<>();
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

  /** Records a trial's score at a rung and decides whether it goes on. */
  synchronized boolean promote(int trial, int rung, double score) throws InterruptedException {
    scores.computeIfAbsent(rung, k -> new HashMap<>()).put(trial, score);
    lastEpoch.put(trial, rung);
    notifyAll();
    while (!lowerTrialsSettled(trial, rung)) {
      wait();
    }
    List<Double> seen = new ArrayList<>();
    scores
        .get(rung)
        .forEach(
            (t, s) -> {
              if (t <= trial) {
                seen.add(s);
              }
            });
    seen.sort((a, b) -> Double.compare(b, a));
    int keep = Math.max(1, seen.size() / ETA);
    int better = 0;
    for (Double s : seen) {
      if (s > score) {
        better++;
      }
    }
    return better < keep;
  }

  /** Every trial below {@code trial} has a score at {@code rung} or ended before reaching it. */
  private boolean lowerTrialsSettled(int trial, int rung) {
    for (int t = 0; t < trial; t++) {
      boolean atRung = scores.getOrDefault(rung, Map.of()).containsKey(t);
      if (!atRung && !ended.getOrDefault(t, false)) {
        return false;
      }
    }
    return true;
  }

  /** A trial is over (completed, stopped or failed): it will report no more rungs. */
  synchronized void end(int trial) {
    ended.put(trial, true);
    notifyAll();
  }

  /** Replays a finished trial from the journal. */
  synchronized void replay(TrialResult r) {
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
