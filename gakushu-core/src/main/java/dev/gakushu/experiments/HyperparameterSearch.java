package dev.gakushu.experiments;

import dev.gakushu.Conventions;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.Split;
import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchReport;
import dev.gakushu.tune.SearchSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * hyperparameter_optimization.py through {@link Search}: the 784-[100]×6-10 ReLU network on the
 * first 500 training images, 20 % of them held out for validation, 100 trials of SGD for 50 epochs
 * (batch 100) with lr = 10^U(−6, −2) and weight decay = 10^U(−8, −4), scored by the last validation
 * accuracy; the validation and training curves of the best 20.
 */
public final class HyperparameterSearch implements Experiment {
  @Override
  public String name() {
    return "hyperparameter-search";
  }

  /** The book's space: lr = 10^U(−6, −2), weight decay = 10^U(−8, −4). */
  public static final List<String> SPACE =
      List.of("lr=log(1e-6,1e-2)", "weight-decay=log(1e-8,1e-4)");

  /** The rows searched: the first 500 training rows (20 % of them are held out for validation). */
  public static Dataset pool(BookData data) {
    return data.firstTrainingRows(500);
  }

  /** Every trial's base: the 784-[100]×6-10 ReLU network, SGD in batches of 100, one thread. */
  public static RunSpec base(int epochs, long seed) {
    return RunSpec.builder()
        .hidden(100, 100, 100, 100, 100, 100)
        .optimizer(OptimizerKind.SGD)
        .conventions(Conventions.BOOK)
        .batchSize(100)
        .epochs(epochs)
        .seed(seed)
        .threads(1)
        .build();
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    int trials = quick ? 4 : 100;
    int epochs = quick ? 3 : 50;
    Dataset pool = pool(data);
    Split split = Split.stratified(pool, 0.2, 0, seed);
    RunSpec base = base(epochs, seed);
    SearchSpace space = SearchSpace.parse(SPACE, base);
    List<TrialResult> results =
        search(
            new Search.Settings(data.name() + "/first-500", space, base, "random", seed),
            split.train(),
            split.validation(),
            trials,
            threads,
            Search.LOCAL);
    List<Finding> findings = new ArrayList<>();
    findings.add(lrMattersMore(results, space).needsFullSize(quick));
    findings.add(bestLearningRatesInBooksRange(results).needsFullSize(quick));
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put(
        "data",
        data.name()
            + ": first "
            + pool.size()
            + " training rows, "
            + split.validation().size()
            + " of them for validation");
    notes.put("space", space.toString());
    notes.put("trials", trials);
    notes.put("best_5", best5(results));
    RunSpec trial = base.toBuilder().data(data.name()).build();
    Map<String, Object> config = ExperimentConfig.of(Map.of("every trial", trial), notes);
    return new ExperimentResult(
        name(),
        "Random hyperparameter search",
        SearchReport.bestCurves(results),
        results,
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * The search's trials, best first, {@code workers} at a time on {@code executor}, its journal in
   * a temporary folder removed after.
   */
  static List<TrialResult> search(
      Search.Settings settings,
      Dataset train,
      Dataset validation,
      int trials,
      int workers,
      Search.Executor executor) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("gakushu-search");
      return new Search(settings, train, validation, dir).run(trials, workers, executor, r -> {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        dir.resolve(Search.JOURNAL).toFile().delete();
        dir.toFile().delete();
      }
    }
  }

  /** The best five trials' validation accuracy, lr and weight decay. */
  private static List<Map<String, Object>> best5(List<TrialResult> results) {
    List<Map<String, Object>> best5 = new ArrayList<>();
    for (TrialResult r : results.subList(0, Math.min(5, results.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("validation_accuracy", r.score());
      row.put("lr", r.params().get("lr"));
      row.put("weight_decay", r.params().get("weight-decay"));
      best5.add(row);
    }
    return best5;
  }

  /**
   * The book's observation, measured: among the best tenth of the trials (at least 3), the learning
   * rate spans fewer decades than the weight decay.
   */
  private static Finding lrMattersMore(List<TrialResult> results, SearchSpace space) {
    int k = Math.min(results.size(), Math.max(3, results.size() / 10));
    double lrSpan = logSpan(results.subList(0, k), "lr");
    double wdSpan = logSpan(results.subList(0, k), "weight-decay");
    return Finding.of(
        "lr-matters-more",
        "As in the book, the learning rate decides more than the weight decay: "
            + "among the best "
            + k
            + " trials it spans fewer decades",
        "among the best "
            + k
            + ": lr spans "
            + Numbers.sig3(lrSpan)
            + " decades, weight decay "
            + Numbers.sig3(wdSpan),
        Fields.of(
            "lr_decades",
            lrSpan,
            "weight_decay_decades",
            wdSpan,
            "narrowed",
            SearchReport.narrowed(space, results)),
        lrSpan < wdSpan);
  }

  /**
   * The book's conclusion from its search: good learning rates lie between 0.001 and 0.01. Holds
   * when every one of the best five trials (fewer if there are fewer) has its lr there.
   */
  static Finding bestLearningRatesInBooksRange(List<TrialResult> ranked) {
    List<Double> rates = new ArrayList<>();
    for (TrialResult r : ranked.subList(0, Math.min(5, ranked.size()))) {
      rates.add(Double.parseDouble(String.valueOf(r.params().get("lr"))));
    }
    List<Double> outside = rates.stream().filter(lr -> lr < 1e-3 || lr > 1e-2).toList();
    return Finding.of(
        "best-lr-in-books-range",
        "As the book concludes, the best "
            + rates.size()
            + " trials' learning rates lie between 0.001 and 0.01",
        "best learning rates: "
            + Numbers.format(rates)
            + (outside.isEmpty() ? "" : "; outside the range: " + Numbers.format(outside)),
        Fields.of("best_learning_rates", rates),
        outside.isEmpty());
  }

  private static double logSpan(List<TrialResult> best, String name) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (TrialResult r : best) {
      double v = StrictMath.log10(Double.parseDouble(String.valueOf(r.params().get(name))));
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return hi - lo;
  }
}
