package dev.gakushu.tune;

import dev.gakushu.run.TrialResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The search's driver loop: it hands trials, and under successive halving their stretches between
 * rungs, to a {@link Search.Runner}, takes back the outcomes in whatever order they come and makes
 * every rung decision itself, on one thread. Work goes out lowest trial first, as many pieces as
 * the runner has slots; a trial paused at a rung waits until {@link Rungs} can judge it, then
 * continues from its snapshot or stops. The decisions depend on scores and trial numbers only, so
 * the results do not depend on the runner, its size or its timing.
 */
final class TrialScheduler {
  /** A trial as it stands: its first task and what its pieces have reported so far. */
  record Trial(TrialTask first, Map<String, Object> params) {}

  /** A finished trial's outcome reaching the loop, or the error a piece failed with. */
  private record Done(TrialTask task, TrialOutcome outcome, Throwable error) {}

  /** A trial stopped at a rung, waiting for its decision. */
  private record Waiting(int rung, TrialOutcome outcome, boolean goesOn) {}

  private final Search.Runner runner;
  private final Rungs rungs;
  private final boolean asha;
  private final IntFunction<Trial> trials;
  private final IntPredicate canStart;
  private final IntConsumer started;
  private final java.util.function.Consumer<TrialResult> finished;
  private final Deque<Integer> unstarted = new ArrayDeque<>();
  private final PriorityQueue<TrialTask> ready =
      new PriorityQueue<>((a, b) -> Integer.compare(a.trial(), b.trial()));
  private final Map<Integer, Trial> running = new HashMap<>();
  private final Map<Integer, List<Double>> validation = new HashMap<>();
  private final Map<Integer, List<Double>> training = new HashMap<>();
  private final TreeMap<Integer, Waiting> waiting = new TreeMap<>();
  private final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
  private int inFlight;

  /** How often a stop request is looked for while trials run. */
  private static final long POLL_MS = 100;

  /**
   * @param toRun the trials to run, in order
   * @param trials a trial's first task and sampled values
   * @param canStart whether a trial's values can be drawn now (the trials its sampler learns from
   *     have finished)
   * @param started hears a trial before its first task goes out
   * @param finished hears each trial as it ends, on the calling thread
   */
  TrialScheduler(
      Search.Runner runner,
      Rungs rungs,
      boolean asha,
      List<Integer> toRun,
      IntFunction<Trial> trials,
      IntPredicate canStart,
      IntConsumer started,
      java.util.function.Consumer<TrialResult> finished) {
    this.runner = runner;
    this.rungs = rungs;
    this.asha = asha;
    this.trials = trials;
    this.canStart = canStart;
    this.started = started;
    this.finished = finished;
    unstarted.addAll(toRun);
  }

  /**
   * Runs every trial to its end, or until {@code stopRequested} answers true (asked every {@link
   * #POLL_MS} ms while work is under way): then the trials under way are left unfinished, to run
   * again from their start.
   *
   * @return whether every trial ended (false: stopped on request)
   * @throws IllegalStateException if interrupted (the runner's work is cancelled)
   * @throws RuntimeException what a piece of work failed with
   */
  boolean runAll(BooleanSupplier stopRequested) {
    while (!unstarted.isEmpty() || !ready.isEmpty() || inFlight > 0) {
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("search interrupted");
      }
      while (inFlight < Math.max(1, runner.slots()) && (!ready.isEmpty() || startable())) {
        submit(next());
      }
      if (inFlight == 0) {
        throw new IllegalStateException("trial " + unstarted.peek() + " waits for no one");
      }
      Done d = null;
      try {
        while (d == null) {
          if (stopRequested.getAsBoolean()) {
            return false;
          }
          d = done.poll(POLL_MS, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("search interrupted", e);
      }
      inFlight--;
      if (d.error() != null && stopRequested.getAsBoolean()) {
        return false; // the stop cancelled it (e.g. a cluster's shutdown hook)
      }
      if (d.error() != null) {
        Throwable cause =
            d.error() instanceof CompletionException c && c.getCause() != null
                ? c.getCause()
                : d.error();
        throw cause instanceof RuntimeException r
            ? r
            : new IllegalStateException("trial " + d.task().trial() + " failed: " + cause, cause);
      }
      take(d.outcome());
      decide();
    }
    if (!waiting.isEmpty()) {
      throw new IllegalStateException("trials " + waiting.keySet() + " wait for no one");
    }
    return true;
  }

  /** Whether the next new trial can start: its sampler has what it learns from. */
  private boolean startable() {
    return !unstarted.isEmpty() && canStart.test(unstarted.peek());
  }

  /**
   * The lowest-numbered piece of work that can go out: a paused trial's next stretch or a new
   * trial.
   */
  private TrialTask next() {
    if (!startable() || (!ready.isEmpty() && ready.peek().trial() < unstarted.peek())) {
      return ready.poll();
    }
    int n = unstarted.poll();
    Trial trial = trials.apply(n);
    running.put(n, trial);
    validation.put(n, new ArrayList<>());
    training.put(n, new ArrayList<>());
    started.accept(n);
    return trial.first();
  }

  // the future whenComplete returns is not needed: the outcome or its error reaches the loop in
  // done
  @SuppressWarnings("FutureReturnValueIgnored")
  private void submit(TrialTask task) {
    inFlight++;
    CompletableFuture<TrialOutcome> outcome = runner.submit(task);
    outcome.whenComplete((o, error) -> done.add(new Done(task, o, error)));
  }

  private void take(TrialOutcome outcome) {
    int n = outcome.trial();
    List<Double> val = validation.get(n);
    val.addAll(outcome.validationAccuracy());
    training.get(n).addAll(outcome.trainAccuracy());
    int epochs = val.size();
    boolean atRung =
        asha && !outcome.status().equals(TrialOutcome.DIVERGED) && rungs.isRung(epochs);
    if (atRung) {
      rungs.record(n, epochs, val.get(epochs - 1));
      waiting.put(n, new Waiting(epochs, outcome, outcome.status().equals(TrialOutcome.PAUSED)));
    } else {
      finish(n, outcome.status());
    }
  }

  /** Judges the waiting trials that can be judged, lowest first. */
  private void decide() {
    for (Map.Entry<Integer, Waiting> e : new ArrayList<>(waiting.entrySet())) {
      int n = e.getKey();
      Waiting w = e.getValue();
      if (!rungs.canDecide(n, w.rung())) {
        continue;
      }
      waiting.remove(n);
      if (!rungs.promotes(n, w.rung())) {
        finish(n, "stopped");
      } else if (w.goesOn()) {
        TrialTask first = running.get(n).first();
        ready.add(new TrialTask(n, first.spec(), rungs.nextStop(w.rung()), w.outcome().snapshot()));
      } else {
        finish(n, TrialOutcome.COMPLETED);
      }
    }
  }

  private void finish(int n, String status) {
    rungs.end(n);
    Trial trial = running.remove(n);
    finished.accept(
        new TrialResult(
            n,
            trial.first().spec().seed(),
            trial.params(),
            List.copyOf(validation.remove(n)),
            List.copyOf(training.remove(n)),
            status));
  }
}
