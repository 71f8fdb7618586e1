package dev.gakushu.tune;

import dev.gakushu.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid search (Optuna's GridSampler, in a fixed order): the grid is the Cartesian product of the
 * dimensions' values — a {@code choice}'s values as written, an {@code int(a,b)}'s whole numbers a
 * … b — and trial n is its n-th point, the last dimension varying fastest: for dimensions of k₁ …
 * k_D values, trial n takes value iₐ of dimension a, where n = Σₐ iₐ · Πᵦ₍ᵦ﹥ₐ₎ kᵦ. Every point is
 * visited exactly once; the search ends after the last ({@link Search.Settings#trials}). A grid has
 * no continuous dimension ({@code log}, {@code uniform}).
 */
final class GridSampler implements Sampler {
  private final List<String> names = new ArrayList<>();
  private final List<List<Object>> values = new ArrayList<>();
  private final int points;

  GridSampler(SearchSpace space) {
    this.points = points(space);
    for (SearchSpace.Dimension d : space.dimensions()) {
      names.add(d.name());
      values.add(values(d));
    }
  }

  /**
   * The number of points of the grid over {@code space}.
   *
   * @throws BadInputException naming the dimension that has no finite set of values, or the space
   *     when its grid has more points than a search can run
   */
  static int points(SearchSpace space) {
    long points = 1;
    for (SearchSpace.Dimension d : space.dimensions()) {
      if (d.continuous()) {
        throw new BadInputException(
            "search dimension '"
                + d
                + "': expected choice(v1,v2,...) or int(a,b) with the grid sampler, which visits"
                + " each value of each dimension");
      }
      long values = count(d); // < 1 when b − a + 1 overflows
      if (values < 1 || values > Integer.MAX_VALUE || points * values > Integer.MAX_VALUE) {
        throw new BadInputException(
            "search space '"
                + space
                + "': a grid of more than "
                + Integer.MAX_VALUE
                + " points; expected fewer values");
      }
      points *= values;
    }
    return (int) points;
  }

  /** The number of values of a finite dimension. */
  private static long count(SearchSpace.Dimension d) {
    return d.kind().equals("int")
        ? Long.parseLong(d.arguments().get(1)) - Long.parseLong(d.arguments().get(0)) + 1
        : d.arguments().size();
  }

  /** A finite dimension's values in order: as the random sampler draws them (String, Long). */
  private static List<Object> values(SearchSpace.Dimension d) {
    List<Object> v = new ArrayList<>();
    if (d.kind().equals("int")) {
      long lo = Long.parseLong(d.arguments().get(0));
      for (long i = 0; i < count(d); i++) {
        v.add(lo + i);
      }
    } else {
      v.addAll(d.arguments());
    }
    return v;
  }

  @Override
  public int needs(int trial) {
    return 0;
  }

  @Override
  public Map<String, Object> propose(int trial, History history) {
    if (trial < 0 || trial >= points) {
      throw new IllegalArgumentException(
          "trial " + trial + " of a grid of " + points + " points (0 to " + (points - 1) + ")");
    }
    Object[] chosen = new Object[names.size()];
    int rest = trial;
    for (int a = names.size() - 1; a >= 0; a--) {
      List<Object> v = values.get(a);
      chosen[a] = v.get(rest % v.size());
      rest /= v.size();
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (int a = 0; a < names.size(); a++) {
      params.put(names.get(a), chosen[a]);
    }
    return params;
  }
}
