package dev.gakushu.experiments;

import dev.gakushu.Conventions;
import dev.gakushu.nn.Param;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.report.Finding;
import dev.gakushu.spec.OptimizerSettings;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The book's picture of how optimizers move on an anisotropic bowl (optimizer_compare_naive.py):
 * minimise f(x, y) = x²/20 + y², ∇f = (x/10, 2y), from (−7, 2), recording the position before each
 * update, 30 points per optimizer (the last after 29 updates). The learning rates are the book's
 * (SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3); Nesterov takes Momentum's 0.1 and RMSprop 0.1,
 * which the book does not show.
 */
public final class OptimizerPaths {
  public static final double START_X = -7;
  public static final double START_Y = 2;
  public static final int POINTS = 30;

  /** The optimizers of the figure with their learning rates, in the order of the panels. */
  public static final Map<String, Double> LEARNING_RATES = orderedRates();

  private static Map<String, Double> orderedRates() {
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put(OptimizerKind.SGD.id(), 0.95);
    rates.put(OptimizerKind.MOMENTUM.id(), 0.1);
    rates.put(OptimizerKind.NESTEROV.id(), 0.1);
    rates.put(OptimizerKind.ADAGRAD.id(), 1.5);
    rates.put(OptimizerKind.RMSPROP.id(), 0.1);
    rates.put(OptimizerKind.ADAM.id(), 0.3);
    return rates;
  }

  /** One optimizer's path: x and y of each recorded position. */
  public record Path(String optimizer, double learningRate, double[] x, double[] y) {
    public double finalDistance() {
      int last = x.length - 1;
      return StrictMath.hypot(x[last], y[last]);
    }

    /** How often y changes sign along the path: the zig-zag across the valley. */
    public int ySignChanges() {
      int changes = 0;
      for (int i = 1; i < y.length; i++) {
        if (Math.signum(y[i]) != Math.signum(y[i - 1]) && y[i] != 0 && y[i - 1] != 0) {
          changes++;
        }
      }
      return changes;
    }
  }

  private OptimizerPaths() {}

  /** f(x, y) = x²/20 + y². */
  public static double f(double x, double y) {
    return x * x / 20 + y * y;
  }

  /** Every optimizer's path under the given conventions. */
  public static List<Path> run(Conventions conventions, int points) {
    List<Path> paths = new ArrayList<>();
    LEARNING_RATES.forEach(
        (id, lr) ->
            paths.add(
                trace(
                    OptimizerSettings.defaults(id, conventions).with("lr", lr).build(conventions),
                    lr,
                    points)));
    return paths;
  }

  /** The positions of {@code optimizer} from (−7, 2), each recorded before its update. */
  public static Path trace(Optimizer optimizer, double learningRate, int points) {
    Param position =
        new Param("xy", Param.Role.BIAS, Matrix.of(1, 2, (float) START_X, (float) START_Y));
    float[] p = position.value().data();
    float[] g = position.grad().data();
    double[] xs = new double[points];
    double[] ys = new double[points];
    for (int i = 0; i < points; i++) {
      xs[i] = p[0];
      ys[i] = p[1];
      if (i == points - 1) {
        break;
      }
      g[0] = p[0] / 10f;
      g[1] = 2f * p[1];
      optimizer.step(List.of(position));
    }
    return new Path(optimizer.id(), learningRate, xs, ys);
  }

  /** The optimizers of the book's figure 6-8 (it leaves out Nesterov and RMSprop). */
  static final List<String> BOOKS_FOUR =
      Stream.of(
              OptimizerKind.SGD, OptimizerKind.MOMENTUM, OptimizerKind.ADAGRAD, OptimizerKind.ADAM)
          .map(OptimizerKind::id)
          .toList();

  /**
   * What the figure is meant to show, measured on the paths: SGD zig-zags across the valley, and
   * AdaGrad, which the book finds best on this function, ends nearest the minimum of the book's
   * four.
   */
  public static List<Finding> findings(List<Path> paths) {
    List<Finding> findings = new ArrayList<>();
    for (Path path : paths) {
      if (path.optimizer().equals(OptimizerKind.SGD.id())) {
        int changes = path.ySignChanges();
        findings.add(
            Finding.of(
                "sgd-zigzags",
                "SGD zig-zags across the narrow y direction: y changes sign many times (at least 10"
                    + " of 29 steps)",
                "y changes sign " + changes + " times in " + (path.y().length - 1) + " steps",
                Fields.of("y_sign_changes", changes),
                changes >= 10));
      }
    }
    List<Path> byDistance = new ArrayList<>(paths);
    byDistance.sort(java.util.Comparator.comparingDouble(Path::finalDistance));
    Map<String, Double> distances = new LinkedHashMap<>();
    StringBuilder order = new StringBuilder();
    for (Path p : byDistance) {
      distances.put(p.optimizer(), p.finalDistance());
      order
          .append(order.length() == 0 ? "" : " < ")
          .append(OptimizerPathsFigure.label(p.optimizer()))
          .append(' ')
          .append(dev.gakushu.report.Numbers.sig3(p.finalDistance()));
    }
    Path nearestOfFour =
        byDistance.stream()
            .filter(p -> BOOKS_FOUR.contains(p.optimizer()))
            .findFirst()
            .orElse(null);
    if (nearestOfFour != null) {
      findings.add(
          Finding.of(
              "adagrad-ends-nearest",
              "AdaGrad, which the book finds best on this function, ends nearest the minimum (0, 0)"
                  + " of the book's four (SGD, Momentum, AdaGrad, Adam)",
              "distance from the minimum after "
                  + (paths.get(0).x().length - 1)
                  + " steps: "
                  + order
                  + "; nearest of the four: "
                  + OptimizerPathsFigure.label(nearestOfFour.optimizer()),
              distances,
              nearestOfFour.optimizer().equals(OptimizerKind.ADAGRAD.id())));
    }
    return findings;
  }
}
