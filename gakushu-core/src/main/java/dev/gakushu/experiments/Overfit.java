package dev.gakushu.experiments;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.EpochMetrics;
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

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed) {
    long start = System.nanoTime();
    int epochs = quick ? 4 : dropout ? 301 : 201;
    Dataset train = data.firstTrainingRows(300);
    Dataset test = quick ? data.firstTestRows(500) : data.test();
    String regulariser = dropout ? "dropout 0.2" : "weight decay λ = 0.1";
    Map<String, double[][]> curves = new LinkedHashMap<>();
    for (boolean on : new boolean[] {false, true}) {
      RunSpec spec = spec(data, on, seed);
      Network net = BookLoop.network(spec, train);
      Optimizer sgd = spec.buildOptimizer();
      double[] trainAcc = new double[epochs];
      double[] testAcc = new double[epochs];
      int updatesPerEpoch = Math.max(1, train.size() / 100);
      BookLoop.train(
          net,
          sgd,
          train,
          100,
          updatesPerEpoch,
          epochs,
          seed,
          new TrainListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
              trainAcc[m.epoch() - 1] = BookLoop.accuracy(net, train);
              testAcc[m.epoch() - 1] = BookLoop.accuracy(net, test);
            }
          });
      curves.put(on ? "with " + regulariser : "without", new double[][] {trainAcc, testAcc});
    }
    XYChart chart =
        LineCharts.chart(
            "Overfitting on 300 " + data.name() + " images, with and without " + regulariser,
            "epochs",
            "accuracy",
            900,
            560);
    chart
        .getStyler()
        .setYAxisMin(0.0)
        .setYAxisMax(1.0)
        // below the plot: inside it, the legend covered the test curves
        .setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS)
        .setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    int c = 0;
    Map<String, Double> gaps = new LinkedHashMap<>();
    for (var e : curves.entrySet()) {
      LineCharts.line(
          chart, "train, " + e.getKey(), LineCharts.range(epochs), e.getValue()[0], c, false);
      LineCharts.line(
          chart, "test, " + e.getKey(), LineCharts.range(epochs), e.getValue()[1], c, true);
      c++;
      int from = Math.max(0, epochs - 10);
      gaps.put(
          e.getKey(),
          OptimizerCompare.mean(e.getValue()[0], from, epochs)
              - OptimizerCompare.mean(e.getValue()[1], from, epochs));
    }
    double without = gaps.get("without");
    double with = gaps.get("with " + regulariser);
    List<Finding> findings = new ArrayList<>();
    double finalTrain =
        OptimizerCompare.mean(curves.get("without")[0], Math.max(0, epochs - 10), epochs);
    findings.add(
        new Finding(
            "overfits-without",
            "Without regularisation the network overfits: training accuracy near 1 "
                + "(above 0.95) with a wide gap to the test accuracy (above 0.1)",
            Map.of("train_accuracy", finalTrain, "gap", without),
            finalTrain > 0.95 && without > 0.1));
    findings.add(
        new Finding(
            "regulariser-narrows-gap",
            "With " + regulariser + " the train–test gap is narrower",
            Map.of("gap_without", without, "gap_with", with),
            with < without));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "data",
        data.name() + ": first " + train.size() + " training rows; test " + test.size() + " rows");
    config.put("network", BookLoop.network(spec(data, true, seed), train).describe());
    config.put("optimizer", "sgd(lr=0.01)");
    config.put("batch_size", 100);
    config.put("epochs", epochs);
    config.put("conventions", "book");
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
   * 784-100×6-10 ReLU, He, SGD 0.01, batch 100; regularised with dropout 0.2 (the book's form) or
   * weight decay λ = 0.1.
   */
  private RunSpec spec(BookData data, boolean regularised, long seed) {
    return BookLoop.book(data, seed)
        .hidden(100, 100, 100, 100, 100, 100)
        .dropout(dropout && regularised ? 0.2 : 0)
        .weightDecay(!dropout && regularised ? 0.1 : 0)
        .batchSize(100)
        .build();
  }
}
