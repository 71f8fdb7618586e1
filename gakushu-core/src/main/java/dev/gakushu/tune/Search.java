package dev.gakushu.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.data.Dataset;
import dev.gakushu.run.JournalFile;
import dev.gakushu.run.RunFile;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Seeds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A hyperparameter search: trials drawn from a space, at random (the book's method) or by TPE
 * ({@link TpeSampler}), each trained on the training split and scored on the validation split only
 * (the test split is never passed in), every trial running its full budget or stopped early by
 * successive halving ({@link Rungs}). Trial n's values are a function of the search seed and, for
 * TPE, of the trials below n by a fixed rule ({@link Sampler#needs}); it trains with seed
 * derive(seed, n), so the trials and their scores do not depend on the number of workers.
 *
 * <p>The search runs on a driver (this object, on the calling thread) that owns the journal and the
 * rung decisions, and an {@link Executor} that runs {@link TrialTask}s: local threads or a cluster.
 *
 * <p>The journal ({@code journal.jsonl}) holds the search's settings on its first line, a "start"
 * line when a trial begins and a "trial" line with its epochs when it ends; each line is appended
 * whole. Resuming keeps every finished trial and re-runs the others.
 */
public final class Search {
  public static final String JOURNAL = RunFile.JOURNAL;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where trials run: on local threads ({@link #LOCAL}) or on a cluster engine (found by {@link
   * ExecutorProvider}). The search's driver keeps the journal and the rung decisions; an executor
   * only runs {@link TrialTask}s.
   */
  public interface Executor {
    /**
     * Gets ready to run tasks on these data.
     *
     * @param workers the trials the local executor runs at once; a cluster's own size decides its
     */
    Runner start(Dataset train, Dataset validation, int workers);
  }

  /** An executor at work for one search. Closing it cancels what still runs. */
  public interface Runner extends AutoCloseable {
    /** How many tasks are worth running at once now. */
    int slots();

    /** Starts a task; its outcome, or why it failed, comes back through the future. */
    CompletableFuture<TrialOutcome> submit(TrialTask task);

    @Override
    void close();
  }

  /** How one trial trains and is scored: {@link TrialRunner#run}, or a caller's own way. */
  @FunctionalInterface
  public interface TrialTrainer {
    /**
     * @param threads the threads the trial trains with (they change its speed, not its results)
     */
    TrialOutcome run(TrialTask task, Dataset train, Dataset validation, int threads);
  }

  /** Runs trials on a fixed pool of local threads, with the threads of their specification. */
  public static final Executor LOCAL = local(TrialRunner::run);

  /**
   * An executor that runs trials as {@code trainer} trains them, on a fixed pool of local threads,
   * each with the threads of its specification.
   */
  public static Executor local(TrialTrainer trainer) {
    return (train, validation, workers) -> {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              workers,
              r -> {
                Thread t = new Thread(r, "gakushu-trial");
                t.setDaemon(true);
                return t;
              });
      return new Runner() {
        @Override
        public int slots() {
          return workers;
        }

        @Override
        public CompletableFuture<TrialOutcome> submit(TrialTask task) {
          return CompletableFuture.supplyAsync(
              () -> trainer.run(task, train, validation, task.spec().threads()), pool);
        }

        @Override
        public void close() {
          pool.shutdownNow();
        }
      };
    };
  }

  /**
   * Hears a search's trials: the ones its journal already held, then each trial as it starts and as
   * it ends (on the thread that runs the search, one call at a time).
   */
  @FunctionalInterface
  public interface Progress {
    /** Before any trial runs: the trials the journal already held (a resumed search). */
    default void resumedWith(List<TrialResult> finished) {}

    default void started(int trial) {}

    void finished(TrialResult result);
  }

  /**
   * The settings that identify a search; a journal with other settings is refused on resume.
   *
   * @param base the run specification every trial starts from; a trial is {@code base} with its
   *     sampled values and its own seed
   */
  public record Settings(
      String data,
      SearchSpace space,
      RunSpec base,
      String scheduler,
      long seed,
      SamplerSettings sampler) {
    /**
     * @throws BadInputException if the sampler is the grid and the space has a dimension without a
     *     finite set of values, or more points than a search can run
     */
    public Settings {
      if (sampler.isGrid()) {
        GridSampler.points(space);
      }
    }

    /**
     * The trials a search asked for {@code asked} runs: {@code asked}, or with the grid sampler no
     * more than the grid's points.
     */
    public int trials(int asked) {
      return sampler.isGrid() ? Math.min(asked, GridSampler.points(space)) : asked;
    }

    /** A random search's settings. */
    public Settings(String data, SearchSpace space, RunSpec base, String scheduler, long seed) {
      this(data, space, base, scheduler, seed, SamplerSettings.RANDOM);
    }

    /** The settings as the journal's first line holds them ({@link JournalFile.Header}). */
    public JournalFile.Header header() {
      return new JournalFile.Header(
          data,
          space.toString(),
          base,
          scheduler,
          sampler.isRandom() ? null : sampler.record(),
          seed);
    }

    /** The journal's first line as a JSON object ({@link JournalFile#headerJson}). */
    public Map<String, Object> describe() {
      return JournalFile.headerJson(header());
    }
  }

  private final Settings settings;
  private final Dataset train;
  private final Dataset validation;
  private final Journal journal;

  public Search(Settings settings, Dataset train, Dataset validation, Path directory) {
    this.settings = settings;
    this.train = train;
    this.validation = validation;
    this.journal = new Journal(directory.resolve(JOURNAL));
  }

  /**
   * Runs trials 0..n−1 that the journal does not hold yet, n being {@code trials} or, with the grid
   * sampler, no more than the grid's points ({@link Settings#trials}), and returns every finished
   * trial, best first. Trial n's values come from the sampler, drawn on this thread once the trials
   * it learns from have finished; it trains with seed derive(seed, n) on {@code executor}; this
   * thread writes the journal and decides the rungs.
   *
   * @param workers the trials the local executor runs at once
   * @param progress hears the trials as they start and end, on this thread
   */
  public List<TrialResult> run(int trials, int workers, Executor executor, Progress progress) {
    return run(trials, workers, executor, progress, () -> false);
  }

  /**
   * As {@link #run(int, int, Executor, Progress)}, stopping when {@code stopRequested} answers
   * true: the finished trials are in the journal, the ones under way run again from their start on
   * resume (with the same seeds, so to the same results).
   *
   * @throws SearchInterruptedException when stopped on request
   */
  public List<TrialResult> run(
      int trials,
      int workers,
      Executor executor,
      Progress progress,
      BooleanSupplier stopRequested) {
    if (journal.exists()) {
      journal.dropTornLine();
    }
    Map<Integer, TrialResult> done = readJournal();
    progress.resumedWith(List.copyOf(done.values()));
    int epochs = settings.base().loop().epochs();
    Rungs rungs = new Rungs(epochs);
    done.values().forEach(rungs::replay);
    boolean asha = settings.scheduler().equals("asha");
    Sampler sampler = settings.sampler().create(settings.space(), settings.seed());
    int planned = settings.trials(trials);
    List<Integer> toRun = new ArrayList<>();
    for (int n = 0; n < planned; n++) {
      if (!done.containsKey(n)) {
        toRun.add(n);
      }
    }
    List<TrialResult> results = new ArrayList<>(done.values());
    if (!toRun.isEmpty()) {
      Map<Integer, Map<String, Object>> proposed = new TreeMap<>();
      Sampler.History history = Sampler.History.of(done, proposed);
      try (Runner runner = executor.start(train, validation, workers)) {
        TrialScheduler scheduler =
            new TrialScheduler(
                runner,
                rungs,
                asha,
                toRun,
                n -> {
                  Map<String, Object> params = sampler.propose(n, history);
                  proposed.put(n, params);
                  return firstTask(n, params, asha ? rungs.nextStop(0) : epochs);
                },
                n -> finishedBelow(done, sampler.needs(n)),
                n -> {
                  journal.append(JournalFile.startLine(n));
                  progress.started(n);
                },
                r -> {
                  journal.append(JournalFile.trialLine(r));
                  done.put(r.trial(), r);
                  results.add(r);
                  progress.finished(r);
                });
        if (!scheduler.runAll(stopRequested)) {
          throw new SearchInterruptedException(results.size(), planned);
        }
      }
    }
    List<TrialResult> sorted = new ArrayList<>(results);
    sorted.sort(TrialResult.BEST_FIRST);
    return sorted;
  }

  /** Whether trials 0..count−1 have all finished. */
  private static boolean finishedBelow(Map<Integer, TrialResult> done, int count) {
    for (int m = 0; m < count; m++) {
      if (!done.containsKey(m)) {
        return false;
      }
    }
    return true;
  }

  /** Trial n's task up to epoch {@code until}, with its sampled values. */
  private TrialScheduler.Trial firstTask(int trial, Map<String, Object> params, int until) {
    RunSpec spec =
        trialSpec(settings.base(), params).withSeed(Seeds.derive(settings.seed(), trial));
    return new TrialScheduler.Trial(new TrialTask(trial, spec, until, new byte[0]), params);
  }

  /**
   * Reads the journal, if there is one, and refuses it as {@link #run} would (a journal of another
   * search, or a damaged one), so that a caller can check it before writing anything else.
   */
  public void requireUsableJournal() {
    if (journal.exists()) {
      readJournal();
    }
  }

  /**
   * The specification of a trial: {@code base} with the sampled values set, in the order of the
   * space's dimensions.
   *
   * @throws dev.gakushu.spec.InvalidSpecException if a value cannot apply to the base
   */
  public static RunSpec trialSpec(RunSpec base, Map<String, Object> params) {
    RunSpec spec = base;
    for (Map.Entry<String, Object> e : params.entrySet()) {
      spec = spec.with(e.getKey(), Double.parseDouble(String.valueOf(e.getValue())));
    }
    return spec;
  }

  /**
   * The finished trials in the journal; refuses a journal of a different search, and a damaged line
   * (only a torn last line, cut by a kill, is set aside: its trial runs again).
   */
  private Map<Integer, TrialResult> readJournal() {
    Map<Integer, TrialResult> done = new TreeMap<>();
    if (!journal.exists()) {
      journal.append(JournalFile.headerLine(settings.header()));
      return done;
    }
    List<String> lines = journal.completeLines();
    JournalFile.Header first = lines.isEmpty() ? null : settingsLine(journal.path(), lines.get(0));
    if (first == null || !lines.get(0).equals(JournalFile.headerLine(settings.header()))) {
      throw new BadInputException(
          journal.path()
              + " belongs to a different search ("
              + (first == null
                  ? "empty"
                  : first.space() + ", scheduler " + first.scheduler() + ", seed " + first.seed())
              + "); expected "
              + settings.space()
              + ", scheduler "
              + settings.scheduler()
              + ", seed "
              + settings.seed()
              + " with the same base settings. "
              + "Use a new directory for a new search");
    }
    for (int i = 1; i < lines.size(); i++) {
      JsonNode n = lineOf(lines.get(i), i + 1);
      if (JournalFile.isTrial(n)) {
        TrialResult r = trialOf(n, i + 1);
        done.put(r.trial(), r);
      }
    }
    return done;
  }

  /** A complete line of the journal as JSON; a damaged one is refused, naming its number. */
  private JsonNode lineOf(String line, int lineNumber) {
    try {
      JsonNode n = JSON.readTree(line);
      if (n != null && n.isObject()) {
        return n;
      }
    } catch (IOException damaged) {
      // refused below
    }
    throw new BadInputException(
        journal.path()
            + " line "
            + lineNumber
            + ": damaged (not a line of JSON); only a last line cut short by a kill is set aside."
            + " Repair or delete that line to resume the search");
  }

  /**
   * The settings recorded on the first line of the journal in {@code directory}.
   *
   * @throws BadInputException if the folder holds no journal, or its first line is not settings
   */
  public static JournalFile.Header recordedSettings(Path directory) {
    Journal journal = new Journal(directory.resolve(JOURNAL));
    if (!journal.exists()) {
      throw new BadInputException(directory + ": no " + JOURNAL + " to resume");
    }
    List<String> lines = journal.completeLines();
    if (lines.isEmpty()) {
      throw new BadInputException(
          journal.path() + " is empty; expected the journal written by tune");
    }
    return settingsLine(journal.path(), lines.get(0));
  }

  /** The journal's first line, the search's settings. */
  private static JournalFile.Header settingsLine(Path journal, String line) {
    String problem = "not a search's settings; expected the journal written by tune";
    try {
      JsonNode first = JSON.readTree(line);
      if (JournalFile.isHeader(first)) {
        return JournalFile.header(first, journal + " line 1");
      }
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    } catch (IOException notJson) {
      // reported below
    }
    throw new BadInputException(journal + " line 1: " + problem);
  }

  /** A "trial" line, every field checked. */
  private TrialResult trialOf(JsonNode n, int lineNumber) {
    TrialResult r = SearchJournal.trial(n, settings.space(), settings.base());
    if (r == null) {
      throw new BadInputException(
          journal.path()
              + " line "
              + lineNumber
              + ": a trial line lacks a field or holds one of the wrong type; expected trial,"
              + " seed, params (a value for each of "
              + settings.space()
              + "), validation_accuracy and train_accuracy (arrays of as many numbers, one per"
              + " epoch) and status");
    }
    long seed = Seeds.derive(settings.seed(), r.trial());
    if (r.seed() != seed) {
      throw new BadInputException(
          journal.path()
              + " line "
              + lineNumber
              + ": trial "
              + r.trial()
              + " has the seed "
              + r.seed()
              + ", but the search of line 1 (seed "
              + settings.seed()
              + ") gives it "
              + seed
              + ": the line belongs to a different search");
    }
    return r;
  }
}
