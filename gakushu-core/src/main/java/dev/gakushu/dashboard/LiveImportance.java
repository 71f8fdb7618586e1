package dev.gakushu.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gakushu.BadInputException;
import dev.gakushu.run.TrialResult;
import dev.gakushu.tune.Importance;
import dev.gakushu.tune.SearchJournal;
import dev.gakushu.tune.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A watched search's hyperparameter importance, kept up to date as its journal grows, as {@code
 * tune} reports it ({@link Importance#of} of the finished trials with the search's seed, so the
 * last value equals results.json's). The journal's lines are taken in on the poller's thread; when
 * trials finished since the last computation and none runs for this search, the next one is handed
 * to the worker thread every watched search shares (it takes about 1.6 s for 1,000 trials, too long
 * for the poller). The event's data: {@code {"trials": N, "importance": {name: share, …}}}, with
 * null importance while fewer than two trials ran to the end with different scores.
 *
 * <p>Bounded whatever the journal holds: a trial is kept as no more than its values, score and
 * status, and only the first {@value #MAX_TRIALS} trials count (beyond them the event's {@code
 * trials} stays at that number and the page says so).
 */
final class LiveImportance {
  static final int MAX_TRIALS = 2000;

  private final String where;
  private final Consumer<String> log;
  private SearchJournal journal;
  private boolean unreadable;
  private final List<TrialResult> trials = new ArrayList<>();
  private int computedFor;
  private Future<?> running;
  private volatile String latest;
  private final AtomicInteger generation = new AtomicInteger();
  private String sent;

  /**
   * @param where the journal, for the log line when its first line is not a search's settings
   */
  LiveImportance(String where, Consumer<String> log) {
    this.where = where;
    this.log = log;
  }

  /** Takes in the journal's next line. */
  void take(JsonNode line) {
    if (unreadable) {
      return;
    }
    if (journal == null) {
      try {
        journal = SearchJournal.of(line);
      } catch (BadInputException e) {
        unreadable = true;
        log.accept("no importance for " + where + ": line 1 " + e.getMessage());
      }
      return;
    }
    TrialResult r = journal.trial(line);
    if (r != null && trials.size() < MAX_TRIALS) {
      // what the importance reads: the values, the score and the status
      trials.add(
          new TrialResult(
              r.trial(), r.seed(), r.params(), List.of(r.score()), List.of(), r.status()));
    }
  }

  /** Forgets every line taken in: the journal was replaced and is read again from its start. */
  void restart() {
    cancel();
    generation.incrementAndGet();
    journal = null;
    unreadable = false;
    trials.clear();
    computedFor = 0;
    latest = null;
    sent = null;
  }

  /** Hands a computation to {@code worker} when trials finished since the last and none runs. */
  void refresh(ExecutorService worker) {
    if (journal == null || trials.size() == computedFor || (running != null && !running.isDone())) {
      return;
    }
    computedFor = trials.size();
    SearchSpace space = journal.space();
    long seed = journal.seed();
    List<TrialResult> taken = List.copyOf(trials);
    int of = generation.get();
    running =
        worker.submit(
            () -> {
              try {
                String computed = event(taken.size(), Importance.of(space, taken, seed));
                if (of == generation.get()) {
                  latest = computed;
                }
              } catch (RuntimeException e) {
                log.accept("importance of " + where + " failed: " + e);
              }
            });
  }

  /** The newest event data not sent yet, or null. */
  String fresh() {
    String now = latest;
    if (now == null || now.equals(sent)) {
      return null;
    }
    sent = now;
    return now;
  }

  /** The newest event data, or null before the first computation ends. */
  String current() {
    return latest;
  }

  void cancel() {
    if (running != null) {
      running.cancel(false);
    }
  }

  private static String event(int trials, Map<String, Double> shares) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("trials", trials);
    if (shares.isEmpty()) {
      o.putNull("importance");
    } else {
      ObjectNode s = o.putObject("importance");
      shares.forEach(s::put);
    }
    return o.toString();
  }
}
