package dev.gakushu.tune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A search space's values as numbers a model of the space works in: ln v on [ln a, ln b] for a
 * {@code log} dimension, v on [a, b] for {@code uniform}, the whole number v on [a − ½, b + ½] for
 * {@code int} (each value owning the cell of width 1 around it) and the index of the choice for
 * {@code choice}.
 */
final class Coordinates {
  private final List<SearchSpace.Dimension> dimensions;

  Coordinates(SearchSpace space) {
    this.dimensions = space.dimensions();
  }

  int size() {
    return dimensions.size();
  }

  boolean isChoice(int i) {
    return kind(i).equals("choice");
  }

  boolean isInteger(int i) {
    return kind(i).equals("int");
  }

  int choices(int i) {
    return dimensions.get(i).arguments().size();
  }

  /** The lower end of a numeric dimension's range, in coordinates. */
  double low(int i) {
    double a = argument(i, 0);
    return switch (kind(i)) {
      case "log" -> StrictMath.log(a);
      case "int" -> a - 0.5;
      default -> a;
    };
  }

  /** The upper end of a numeric dimension's range, in coordinates. */
  double high(int i) {
    double b = argument(i, 1);
    return switch (kind(i)) {
      case "log" -> StrictMath.log(b);
      case "int" -> b + 0.5;
      default -> b;
    };
  }

  /** The whole number of an int dimension nearest to v, within its range. */
  double nearestInteger(int i, double v) {
    return Math.min(argument(i, 1), Math.max(argument(i, 0), Math.rint(v)));
  }

  /** A trial's values in coordinates. */
  double[] of(Map<String, Object> params) {
    double[] x = new double[dimensions.size()];
    for (int i = 0; i < x.length; i++) {
      SearchSpace.Dimension d = dimensions.get(i);
      String value = String.valueOf(params.get(d.name()));
      x[i] =
          switch (d.kind()) {
            case "choice" -> d.arguments().indexOf(value);
            case "log" -> StrictMath.log(Double.parseDouble(value));
            default -> Double.parseDouble(value);
          };
    }
    return x;
  }

  /**
   * A trial's values on the unit cube: each numeric coordinate as (v − low)/(high − low), the k-th
   * of c choices as (k + ½)/c, so the uniform measure on the cube is the one the search samples
   * from.
   */
  double[] unit(Map<String, Object> params) {
    double[] x = of(params);
    for (int i = 0; i < x.length; i++) {
      x[i] = isChoice(i) ? (x[i] + 0.5) / choices(i) : (x[i] - low(i)) / (high(i) - low(i));
    }
    return x;
  }

  /**
   * The values of a point in coordinates, of the types {@link SearchSpace#sample} gives: a Double
   * for log and uniform, a Long for int, a String for choice.
   */
  Map<String, Object> values(double[] x) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      SearchSpace.Dimension d = dimensions.get(i);
      Object v =
          switch (d.kind()) {
            case "choice" -> d.arguments().get((int) x[i]);
            case "int" -> (long) x[i];
            case "log" -> Math.min(argument(i, 1), Math.max(argument(i, 0), StrictMath.exp(x[i])));
            default -> x[i];
          };
      params.put(d.name(), v);
    }
    return params;
  }

  private String kind(int i) {
    return dimensions.get(i).kind();
  }

  private double argument(int i, int which) {
    return Double.parseDouble(dimensions.get(i).arguments().get(which));
  }
}
