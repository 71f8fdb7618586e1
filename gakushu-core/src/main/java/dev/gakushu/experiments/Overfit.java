package dev.gakushu.experiments;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Network;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.TrainListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * overfit_weight_decay.py and overfit_dropout.py: the 784-[100]×6-10 ReLU network with He
 * initialisation on the first 300 training images, SGD lr 0.01, batch 100, with and without the
 * regulariser (weight decay λ = 0.1, or dropout 0.2 in the book's form); training and test accuracy
 * after every epoch (3 updates), 201 epochs for weight decay and 301 for dropout.
 */
public final class Overfit implements Experiment {
  /** Rows of the book's overfitting setup. */
  static final int TRAINING_ROWS = 300;

  private final boolean dropout;

  private Overfit(boolean dropout) {
    this.dropout = dropout;
  }

  public static Overfit weightDecay() {
    return new Overfit(false);
  }

  public static Overfit dropout() {
    return new Overfit(true);
  }

  @Override
  public String name() {
    return dropout ? "overfit-dropout" : "overfit-weight-decay";
  }

  /** A network trained with its training and test accuracy after every epoch. */
  record Trained(Network network, double[] train, double[] test) {
    Fit fit() {
      return Fit.of(train, test);
    }
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    int epochs = quick ? 4 : dropout ? 301 : 201;
    Dataset train = data.firstTrainingRows(TRAINING_ROWS);
    Dataset test = quick ? data.firstTestRows(500) : data.test();
    String regulariser = dropout ? "dropout 0.2" : "weight decay λ = 0.1";
    Map<String, double[][]> curves = new LinkedHashMap<>();
    EvaluationBlocks trainBlocks = new EvaluationBlocks(train);
    EvaluationBlocks testBlocks = new EvaluationBlocks(test);
    List<Trained> both =
        Concurrently.run(
            threads,
            List.<Concurrently.Job<Trained>>of(
                productThreads ->
                    trainWithCurves(
                        spec(data, false, seed, 0, epochs),
                        trainBlocks,
                        testBlocks,
                        seed,
                        productThreads),
                productThreads ->
                    trainWithCurves(
                        spec(data, true, seed, 1, epochs),
                        trainBlocks,
                        testBlocks,
                        seed,
                        productThreads)));
    Trained none = both.get(0);
    Trained with = both.get(1);
    curves.put("without", new double[][] {none.train(), none.test()});
    curves.put("with " + regulariser, new double[][] {with.train(), with.test()});
    XYChart chart =
        accuracyChart(
            "Overfitting on 300 " + data.name() + " images, with and without " + regulariser,
            900,
            600);
    int c = 0;
    for (var e : curves.entrySet()) {
      addCurves(chart, e.getKey(), e.getValue()[0], e.getValue()[1], c++);
    }
    List<Finding> findings = new ArrayList<>();
    findings.add(OverfitFindings.overfitsWithout(none.fit()).needsFullSize(quick));
    findings.add(
        OverfitFindings.narrowsGap(regulariser, none.fit(), with.fit()).needsFullSize(quick));
    findings.add(
        OverfitFindings.keepsTestAccuracy(regulariser, none.fit(), with.fit())
            .needsFullSize(quick));
    findings.add(OverfitFindings.levelsOff(regulariser, with.fit(), epochs).needsFullSize(quick));
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put(
        "data",
        data.name() + ": first " + train.size() + " training rows; test " + test.size() + " rows");
    notes.put("epochs", epochs);
    notes.put("batches", BookLoop.batchesNote(seed));
    Map<String, RunSpec> networks = new LinkedHashMap<>();
    networks.put("without", spec(data, false, seed, 0, epochs));
    networks.put("with " + regulariser, spec(data, true, seed, 1, epochs));
    Map<String, Object> config = ExperimentConfig.of(networks, notes);
    return new ExperimentResult(
        name(),
        "Overfitting and " + regulariser,
        Figure.of(chart),
        curves,
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Trains the network of {@code spec} on {@code train}'s rows for its epochs of book batches (100
   * rows, drawn from the stream {@code batchSeed}), measuring training and test accuracy after
   * every epoch, its matrix products on {@code productThreads} threads.
   */
  static Trained trainWithCurves(
      RunSpec spec,
      EvaluationBlocks train,
      EvaluationBlocks test,
      long batchSeed,
      int productThreads) {
    Network net = BookLoop.network(spec, train.data(), productThreads);
    double[] trainAcc = new double[spec.loop().epochs()];
    double[] testAcc = new double[spec.loop().epochs()];
    train(
        net,
        spec,
        train.data(),
        batchSeed,
        new TrainListener() {
          @Override
          public void onEpochEnd(EpochMetrics m) {
            trainAcc[m.epoch() - 1] = train.accuracy(net);
            testAcc[m.epoch() - 1] = test.accuracy(net);
          }
        });
    return new Trained(net, trainAcc, testAcc);
  }

  /**
   * Trains {@code net} with {@code spec}'s optimizer and batch size for {@code epochs} epochs of
   * book batches drawn from the stream {@code batchSeed}, one epoch being a pass's worth of batches
   * (3 for 300 rows).
   */
  static void train(
      Network net, RunSpec spec, Dataset train, long batchSeed, TrainListener listener) {
    BookLoop.train(
        spec, net, train, Math.max(1, train.size() / spec.loop().batchSize()), batchSeed, listener);
  }

  /** Accuracy (0 to 1) against epochs. */
  static XYChart accuracyChart(String title, int width, int height) {
    XYChart chart = LineCharts.chart(title, "epochs", "accuracy", width, height);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    return chart;
  }

  /** The training (solid) and test (dashed) curves of one network, in colour {@code color}. */
  static void addCurves(XYChart chart, String label, double[] train, double[] test, int color) {
    double[] x = LineCharts.range(train.length);
    LineCharts.line(chart, "train, " + label, x, train, color, false);
    LineCharts.line(chart, "test, " + label, x, test, color, true);
  }

  /**
   * 784-100×6-10 ReLU, He, SGD 0.01, batch 100; regularised with dropout 0.2 (the book's form) or
   * weight decay λ = 0.1; the {@code index}-th network's own initial weights.
   */
  private RunSpec spec(BookData data, boolean regularised, long seed, int index, int epochs) {
    return book(data, seed, index, epochs)
        .dropout(dropout && regularised ? 0.2 : 0)
        .weightDecay(!dropout && regularised ? 0.1 : 0)
        .build();
  }

  /** The book's overfitting network, unregularised, as the {@code index}-th of a comparison. */
  static RunSpec.Builder book(BookData data, long seed, int index, int epochs) {
    return BookLoop.book(data, BookLoop.networkSeed(seed, index))
        .hidden(100, 100, 100, 100, 100, 100)
        .batchSize(100)
        .epochs(epochs);
  }
}
