package dev.gakushu.experiments;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Network;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.TrainListener;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchSpace;
import dev.gakushu.tune.TrialOutcome;
import dev.gakushu.tune.TrialTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;

/**
 * The book's overfitting setup (the first 300 training images, 784-100×6-10 ReLU with He
 * initialisation, SGD lr 0.01, batch 100, 201 epochs of 3 updates) under six regimes: none, L2 (λ =
 * 0.1, the book's), L1, max-norm (c = 3), dropout (0.2, the book's form) and dropout with max-norm.
 * L1's λ is chosen by a grid search (tune's {@link Search}) on a validation split, never on the
 * test set: each candidate of {@link #L1_CANDIDATES} trains the same way, and the one with the best
 * accuracy on the next 1,000 training images (rows 300 to 1,299, which no variant trains on) after
 * the last epoch wins, the smaller λ on a tie. Each variant draws its own initial weights; all see
 * the same batches.
 */
public final class RegularizationCompare implements Experiment {
  /** L1's λ candidates, about half a decade apart. */
  static final double[] L1_CANDIDATES = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2};

  /** A quick run's two candidates. */
  static final double[] L1_CANDIDATES_QUICK = {1e-4, 1e-3};

  static final double L2 = 0.1;
  static final double MAX_NORM = 3;
  static final double DROPOUT = 0.2;
  static final int VALIDATION_ROWS = 1000;
  private static final int BINS = 100;
  private static final int PANEL_WIDTH = 420;
  private static final int PANEL_HEIGHT = 320;

  @Override
  public String name() {
    return "regularization-compare";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    int epochs = quick ? 4 : 201;
    Dataset train = data.firstTrainingRows(Overfit.TRAINING_ROWS);
    Dataset validation = validationRows(data);
    Dataset test = quick ? data.firstTestRows(500) : data.test();

    L1Search search = searchL1(data, train, validation, quick, epochs, seed, threads);
    double l1 = search.chosen();

    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, RunSpec> specs = new LinkedHashMap<>();
    labels.put("none", "none");
    specs.put("none", Overfit.book(data, seed, 0, epochs).build());
    labels.put("l2", "L2 λ = " + Numbers.sig3(L2));
    specs.put("l2", Overfit.book(data, seed, 1, epochs).weightDecay(L2).build());
    labels.put("l1", "L1 λ = " + Numbers.sig3(l1));
    specs.put("l1", Overfit.book(data, seed, 2, epochs).l1(l1).build());
    labels.put("max-norm", "max-norm c = " + Numbers.sig3(MAX_NORM));
    specs.put("max-norm", Overfit.book(data, seed, 3, epochs).maxNorm(MAX_NORM).build());
    labels.put("dropout", "dropout " + Numbers.sig3(DROPOUT));
    specs.put("dropout", Overfit.book(data, seed, 4, epochs).dropout(DROPOUT).build());
    labels.put("dropout+max-norm", "dropout " + DROPOUT + " + max-norm " + Numbers.sig3(MAX_NORM));
    specs.put(
        "dropout+max-norm",
        Overfit.book(data, seed, 5, epochs).dropout(DROPOUT).maxNorm(MAX_NORM).build());

    List<RegularizationFindings.Outcome> outcomes = new ArrayList<>();
    List<Overfit.Trained> runs = new ArrayList<>();
    EvaluationBlocks trainBlocks = new EvaluationBlocks(train);
    EvaluationBlocks testBlocks = new EvaluationBlocks(test);
    Map<String, Concurrently.Job<Overfit.Trained>> jobs = new LinkedHashMap<>();
    specs.forEach(
        (id, spec) ->
            jobs.put(
                id,
                productThreads ->
                    Overfit.trainWithCurves(spec, trainBlocks, testBlocks, seed, productThreads)));
    Map<String, Overfit.Trained> trained = Concurrently.run(threads, jobs);
    for (var e : specs.entrySet()) {
      Overfit.Trained t = trained.get(e.getKey());
      runs.add(t);
      outcomes.add(
          new RegularizationFindings.Outcome(
              e.getKey(), labels.get(e.getKey()), t.fit(), WeightStats.of(t.network())));
    }

    WeightHistograms weights = WeightHistograms.of(outcomes);
    List<XYChart> panels = panels(outcomes, runs, weights, epochs);

    List<Finding> findings = findings(outcomes, quick);

    Map<String, Object> numbers = numbers(outcomes, runs, weights);
    Map<String, Object> l1Search = new LinkedHashMap<>();
    l1Search.put("candidates", search.candidates());
    l1Search.put("validation_accuracy", search.validationAccuracy());
    l1Search.put("chosen", l1);
    numbers.put("l1_search", l1Search);

    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put(
        "data",
        data.name() + ": first " + train.size() + " training rows; test " + test.size() + " rows");
    notes.put("epochs", epochs);
    notes.put("batches", BookLoop.batchesNote(seed));
    notes.put(
        "l1_search",
        "λ from "
            + Numbers.format(search.candidates())
            + " by a grid search (tune's grid sampler), each trained as the others; the best"
            + " validation accuracy after the last epoch on "
            + "training rows "
            + Overfit.TRAINING_ROWS
            + " to "
            + (Overfit.TRAINING_ROWS + validation.size() - 1)
            + " (never trained on, never the test set) chose λ = "
            + Numbers.sig3(l1));
    notes.put("weights_near_zero", "|w| < " + WeightStats.NEAR_ZERO);
    Map<String, Object> config = ExperimentConfig.of(specs, notes);
    return new ExperimentResult(
        name(),
        "Regularisers compared: none, L2, L1, max-norm, dropout, dropout + max-norm",
        new Figure(panels, 3, PANEL_WIDTH, PANEL_HEIGHT),
        numbers,
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * L1's λ candidates, each one's validation accuracy after the last epoch (on rows no variant
   * trains on), and the one chosen: the best, the smaller λ on a tie.
   */
  private record L1Search(double[] candidates, double[] validationAccuracy, double chosen) {}

  /**
   * L1's λ chosen by a grid search through {@link Search} (the grid sampler visits each candidate
   * once, in order): each trial trains as the L1 variant does ({@link #trainL1}), and the search's
   * best, the highest validation accuracy after the last epoch, the earlier trial (the smaller λ)
   * on a tie ({@link TrialResult#BEST_FIRST}), wins.
   */
  private static L1Search searchL1(
      BookData data,
      Dataset train,
      Dataset validation,
      boolean quick,
      int epochs,
      long seed,
      int threads) {
    double[] candidates = quick ? L1_CANDIDATES_QUICK : L1_CANDIDATES;
    int workers = Math.max(1, Math.min(threads, candidates.length));
    RunSpec base = Overfit.book(data, seed, 2, epochs).threads(threads / workers).build();
    SearchSpace space =
        SearchSpace.parse(
            List.of(
                "l1=choice("
                    + String.join(
                        ",", Arrays.stream(candidates).mapToObj(Double::toString).toList())
                    + ")"),
            base);
    EvaluationBlocks validationBlocks = new EvaluationBlocks(validation);
    List<TrialResult> ranked =
        HyperparameterSearch.search(
            new Search.Settings(
                data.name() + "/first-" + train.size(),
                space,
                base,
                "random",
                seed,
                SamplerSettings.GRID),
            train,
            validation,
            candidates.length,
            workers,
            Search.local(
                (task, rows, unused, productThreads) ->
                    trainL1(task, base.seed(), rows, validationBlocks, seed, productThreads)));
    double[] validationAccuracy = new double[candidates.length];
    for (TrialResult r : ranked) {
      validationAccuracy[r.trial()] = r.score();
    }
    return new L1Search(
        candidates,
        validationAccuracy,
        Double.parseDouble((String) ranked.get(0).params().get("l1")));
  }

  /**
   * A trial of the L1 search, trained as the L1 variant is: its specification with the variant's
   * seed in place of the trial's (the variant's initial weights), on the book's batches from the
   * stream {@code batchSeed} that every variant shares; scored once, after the last epoch.
   */
  private static TrialOutcome trainL1(
      TrialTask task,
      long networkSeed,
      Dataset train,
      EvaluationBlocks validation,
      long batchSeed,
      int productThreads) {
    RunSpec spec = task.spec().withSeed(networkSeed);
    Network net = BookLoop.network(spec, train, productThreads);
    List<Double> trainAccuracy = new ArrayList<>();
    Overfit.train(
        net,
        spec,
        train,
        batchSeed,
        new TrainListener() {
          @Override
          public void onEpochEnd(EpochMetrics m) {
            trainAccuracy.add(m.trainAccuracy());
          }
        });
    List<Double> validationAccuracy =
        new ArrayList<>(Collections.nCopies(trainAccuracy.size() - 1, Double.NaN));
    validationAccuracy.add(validation.accuracy(net));
    return new TrialOutcome(
        task.trial(),
        validationAccuracy,
        trainAccuracy,
        TrialOutcome.COMPLETED,
        productThreads,
        new byte[0]);
  }

  /**
   * The variants' weight histograms over one shared range [lo, hi] (a nice ceiling of the largest
   * |w|) and their shared height.
   */
  private record WeightHistograms(List<long[]> counts, double lo, double hi, double yMax) {
    static WeightHistograms of(List<RegularizationFindings.Outcome> outcomes) {
      double reach = 0;
      for (var o : outcomes) {
        reach = Math.max(reach, o.weights().maxAbs());
      }
      double hi = Histograms.niceCeiling(reach);
      double lo = -hi;
      List<long[]> histograms = new ArrayList<>();
      for (var o : outcomes) {
        histograms.add(Histograms.count(o.weights().values(), lo, hi, BINS, false));
      }
      return new WeightHistograms(histograms, lo, hi, Histograms.sharedMax(histograms));
    }
  }

  /** Each variant's accuracy curves, then each one's weight histogram. */
  private static List<XYChart> panels(
      List<RegularizationFindings.Outcome> outcomes,
      List<Overfit.Trained> runs,
      WeightHistograms w,
      int epochs) {
    List<XYChart> panels = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      XYChart curves = Overfit.accuracyChart(outcomes.get(i).label(), PANEL_WIDTH, PANEL_HEIGHT);
      curves
          .getStyler()
          .setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
      double[] x = LineCharts.range(epochs);
      LineCharts.line(curves, "train", x, runs.get(i).train(), i, false);
      LineCharts.line(curves, "test", x, runs.get(i).test(), i, true);
      panels.add(curves);
    }
    for (int i = 0; i < outcomes.size(); i++) {
      panels.add(
          Histograms.panel(
              outcomes.get(i).label() + ": weights",
              "w",
              w.counts().get(i),
              w.lo(),
              w.hi(),
              w.yMax(),
              i,
              PANEL_WIDTH,
              PANEL_HEIGHT));
    }
    return panels;
  }

  private static List<Finding> findings(
      List<RegularizationFindings.Outcome> outcomes, boolean quick) {
    List<Finding> findings = new ArrayList<>();
    findings.add(OverfitFindings.overfitsWithout(outcomes.get(0).fit()).needsFullSize(quick));
    findings.add(RegularizationFindings.everyOneNarrowsGap(outcomes).needsFullSize(quick));
    findings.add(RegularizationFindings.oneKeepsTestAccuracy(outcomes).needsFullSize(quick));
    findings.add(
        RegularizationFindings.maxNormHelpsDropout(outcomes, MAX_NORM).needsFullSize(quick));
    findings.add(RegularizationFindings.l1Sparsifies(outcomes).needsFullSize(quick));
    findings.add(RegularizationFindings.l2Shrinks(outcomes));
    findings.add(RegularizationFindings.maxNormCaps(outcomes, MAX_NORM));
    return findings;
  }

  /** Each variant's curves, fit and weights, by its id. */
  private static Map<String, Object> numbers(
      List<RegularizationFindings.Outcome> outcomes,
      List<Overfit.Trained> runs,
      WeightHistograms w) {
    Map<String, Object> numbers = new LinkedHashMap<>();
    for (int i = 0; i < outcomes.size(); i++) {
      RegularizationFindings.Outcome o = outcomes.get(i);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("label", o.label());
      v.put("train_accuracy", runs.get(i).train());
      v.put("test_accuracy", runs.get(i).test());
      v.put(
          "last_tenth",
          Fields.of(
              "train", o.fit().train(),
              "test", o.fit().test(),
              "gap", o.fit().gap(),
              "train_rise", o.fit().trainRise()));
      v.put(
          "weights",
          Fields.of(
              "rms", o.weights().rms(),
              "near_zero_share", o.weights().nearZeroShare(),
              "max_column_norm", o.weights().maxColumnNorm(),
              "histogram", Fields.of("min", w.lo(), "max", w.hi(), "counts", w.counts().get(i))));
      numbers.put(o.id(), v);
    }
    return numbers;
  }

  /** The 1,000 training rows after the first 300 (fewer when the data has fewer). */
  private static Dataset validationRows(BookData data) {
    int from = Math.min(Overfit.TRAINING_ROWS, data.train().size());
    int to = Math.min(from + VALIDATION_ROWS, data.train().size());
    if (to <= from) {
      throw new dev.gakushu.BadInputException(
          "data "
              + data.name()
              + ": "
              + data.train().size()
              + " training rows; regularization-compare needs more than "
              + Overfit.TRAINING_ROWS
              + " (the rest validate L1's λ)");
    }
    return data.train().subset(data.name() + "/validation", IntStream.range(from, to).toArray());
  }
}
