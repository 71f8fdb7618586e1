package dev.gakushu.experiments;

import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.report.ExperimentResult;
import dev.gakushu.report.Figure;
import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import dev.gakushu.spec.RunSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * optimizer_compare_mnist.py: the 784-100-100-100-100-10 ReLU network with He initialisation,
 * trained by SGD, Momentum, AdaGrad and Adam (and Nesterov, RMSprop) at the book's default
 * settings, batch 128, 2,000 iterations, the same batches for all; the smoothed training loss.
 */
public final class OptimizerCompare implements Experiment {
  static final List<String> OPTIMIZERS =
      Stream.of(
              OptimizerKind.SGD,
              OptimizerKind.MOMENTUM,
              OptimizerKind.NESTEROV,
              OptimizerKind.ADAGRAD,
              OptimizerKind.RMSPROP,
              OptimizerKind.ADAM)
          .map(OptimizerKind::id)
          .toList();

  @Override
  public String name() {
    return "optimizer-compare";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    int iterations = quick ? 60 : 2000;
    Map<String, RunSpec> specs = new LinkedHashMap<>();
    for (String id : OPTIMIZERS) {
      specs.put(
          id,
          BookLoop.book(data, BookLoop.networkSeed(seed, OPTIMIZERS.indexOf(id)))
              .hidden(100, 100, 100, 100)
              .optimizer(id)
              .batchSize(128)
              .build());
    }
    LossCurves curves =
        LossCurves.train(
            specs,
            data.train(),
            iterations,
            seed,
            threads,
            "Optimizers on " + data.name() + " (smoothed training loss)",
            OptimizerPathsFigure::label);
    Map<String, Double> finalLoss = curves.finalLoss();
    List<String> order = new ArrayList<>(finalLoss.keySet());
    order.sort(Comparator.comparing(finalLoss::get));
    StringBuilder ordered = new StringBuilder();
    for (String id : order) {
      ordered
          .append(ordered.length() == 0 ? "" : " < ")
          .append(OptimizerPathsFigure.label(id))
          .append(' ')
          .append(Numbers.sig3(finalLoss.get(id)));
    }
    List<Finding> findings = new ArrayList<>();
    findings.add(
        FinalLoss.tested(
            Finding.of(
                "adaptive-lowest",
                "As in the book's figure, an adaptive method (AdaGrad or Adam) ends "
                    + "with the lowest smoothed loss (mean of the last "
                    + FinalLoss.WINDOW
                    + " iterations)",
                "final smoothed loss: " + ordered,
                Fields.of("order", order, "final_loss", finalLoss),
                order.get(0).equals(OptimizerKind.ADAGRAD.id())
                    || order.get(0).equals(OptimizerKind.ADAM.id())),
            iterations));
    List<String> notBelowSgd =
        Stream.of(OptimizerKind.MOMENTUM, OptimizerKind.ADAGRAD, OptimizerKind.ADAM)
            .map(OptimizerKind::id)
            .filter(id -> finalLoss.get(id) >= finalLoss.get(OptimizerKind.SGD.id()))
            .map(OptimizerPathsFigure::label)
            .toList();
    findings.add(
        FinalLoss.tested(
            Finding.of(
                "sgd-slowest",
                "As in the book, SGD learns slowest: Momentum, AdaGrad and Adam all end lower",
                "SGD ends at "
                    + Numbers.sig3(finalLoss.get(OptimizerKind.SGD.id()))
                    + (notBelowSgd.isEmpty()
                        ? ", above all three"
                        : "; not below it: " + String.join(", ", notBelowSgd)),
                finalLoss,
                notBelowSgd.isEmpty()),
            iterations));
    Map<String, Object> notes = new LinkedHashMap<>();
    notes.put("iterations", iterations);
    notes.put("batches", BookLoop.batchesNote(seed));
    Map<String, Object> config = ExperimentConfig.of(specs, notes);
    return new ExperimentResult(
        name(),
        "Comparing optimizers",
        Figure.of(curves.chart()),
        Fields.of("loss", curves.losses(), "smoothed", curves.smoothed()),
        findings,
        config,
        (System.nanoTime() - start) / 1e9);
  }

  static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += v[i];
    }
    return s / Math.max(1, to - from);
  }
}
