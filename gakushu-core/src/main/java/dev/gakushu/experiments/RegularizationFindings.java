package dev.gakushu.experiments;

import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of {@code regularization-compare}, computed from each variant's {@link Fit} and
 * {@link WeightStats}: which regulariser narrowed the gap, which kept the most test accuracy, and
 * what each did to the weights (L1 sparsifies, L2 shrinks, max-norm caps).
 */
final class RegularizationFindings {
  /**
   * One trained variant. {@code id} is one of none, l2, l1, max-norm, dropout, dropout+max-norm.
   */
  record Outcome(String id, String label, Fit fit, WeightStats weights) {}

  private RegularizationFindings() {}

  /** Every regulariser narrows the train–test gap of the unregularised network (the first). */
  static Finding everyOneNarrowsGap(List<Outcome> outcomes) {
    Outcome none = outcomes.get(0);
    List<Outcome> regularised = outcomes.subList(1, outcomes.size());
    List<String> wider = new ArrayList<>();
    Map<String, Double> gaps = new LinkedHashMap<>();
    StringBuilder result = new StringBuilder("gap without: " + Numbers.sig3(none.fit().gap()));
    for (Outcome o : sortedBy(regularised, o -> o.fit().gap())) {
      gaps.put(o.id(), o.fit().gap());
      result.append("; ").append(o.label()).append(": ").append(Numbers.sig3(o.fit().gap()));
      if (!OverfitFindings.narrower(o.fit(), none.fit())) {
        wider.add(o.label());
      }
    }
    result.append(
        wider.isEmpty() ? " (all narrower)" : "; not narrower: " + String.join(", ", wider));
    gaps.put("none", none.fit().gap());
    return Finding.of(
        "every-regulariser-narrows-gap",
        "Every regulariser narrows the train–test gap of the network without one (by more than "
            + Math.round(OverfitFindings.NARROWER * 100)
            + " points)",
        result.toString(),
        gaps,
        wider.isEmpty());
  }

  /**
   * Some regulariser narrows the gap and keeps the test accuracy (at most one point below the
   * network without one); the result names the one that kept the most.
   */
  static Finding oneKeepsTestAccuracy(List<Outcome> outcomes) {
    Outcome none = outcomes.get(0);
    List<Outcome> regularised = outcomes.subList(1, outcomes.size());
    Map<String, Double> tests = new LinkedHashMap<>();
    tests.put("none", none.fit().test());
    StringBuilder changes = new StringBuilder();
    List<Outcome> byTest = sortedBy(regularised, o -> -o.fit().test());
    for (Outcome o : byTest) {
      tests.put(o.id(), o.fit().test());
      changes
          .append(changes.length() == 0 ? "" : ", ")
          .append(o.label())
          .append(' ')
          .append(OverfitFindings.points(o.fit().test() - none.fit().test()));
    }
    Outcome best = byTest.get(0);
    boolean kept =
        regularised.stream()
            .anyMatch(
                o ->
                    OverfitFindings.narrower(o.fit(), none.fit())
                        && o.fit().test() >= none.fit().test() - OverfitFindings.KEPT);
    return Finding.of(
        "a-regulariser-keeps-test-accuracy",
        "Some regulariser narrows the gap (by more than "
            + Math.round(OverfitFindings.NARROWER * 100)
            + " points) and keeps the test accuracy (at most 1 point below the network without one)",
        "most test accuracy kept: "
            + best.label()
            + " ("
            + Numbers.sig3(best.fit().test())
            + " against "
            + Numbers.sig3(none.fit().test())
            + " without); test accuracy change: "
            + changes,
        tests,
        kept);
  }

  /**
   * Srivastava et al. (2014) pair dropout with max-norm: together they reach at least dropout's
   * test accuracy. The result says when the cap c never bound (dropout alone kept every column
   * within it), so that the difference is only the networks' own draws.
   */
  static Finding maxNormHelpsDropout(List<Outcome> outcomes, double c) {
    Outcome dropoutAlone = find(outcomes, "dropout");
    Fit dropout = dropoutAlone.fit();
    Fit both = find(outcomes, "dropout+max-norm").fit();
    return Finding.of(
        "max-norm-helps-dropout",
        "Dropout with max-norm reaches at least the test accuracy of dropout alone "
            + "(Srivastava et al. 2014 pair them)",
        "test accuracy: dropout "
            + Numbers.sig3(dropout.test())
            + ", dropout + max-norm "
            + Numbers.sig3(both.test())
            + " ("
            + OverfitFindings.points(both.test() - dropout.test())
            + ")"
            + (dropoutAlone.weights().maxColumnNorm() <= c
                ? "; the cap never bound (dropout alone kept every column norm within "
                    + Numbers.sig3(c)
                    + "): the difference is the networks' own draws of weights and masks"
                : ""),
        Fields.of("dropout", dropout.test(), "dropout_max_norm", both.test()),
        both.test() >= dropout.test());
  }

  /** L1 sparsifies: its share of weights near zero is the largest, and over twice none's. */
  static Finding l1Sparsifies(List<Outcome> outcomes) {
    Outcome l1 = find(outcomes, "l1");
    double none = find(outcomes, "none").weights().nearZeroShare();
    Map<String, Double> shares = new LinkedHashMap<>();
    outcomes.forEach(o -> shares.put(o.id(), o.weights().nearZeroShare()));
    Outcome sparsest = sortedBy(outcomes, o -> -o.weights().nearZeroShare()).get(0);
    return Finding.of(
        "l1-sparsifies",
        "L1 sparsifies: it has the largest share of weights within "
            + WeightStats.NEAR_ZERO
            + " of zero, over twice the share without regularisation",
        "share near zero: "
            + l1.label()
            + " "
            + percent(l1.weights().nearZeroShare())
            + ", none "
            + percent(none)
            + "; largest: "
            + sparsest.label(),
        shares,
        sparsest.id().equals(l1.id()) && l1.weights().nearZeroShare() > 2 * none);
  }

  /** L2 shrinks the weights: their root mean square is below the unregularised network's. */
  static Finding l2Shrinks(List<Outcome> outcomes) {
    double l2 = find(outcomes, "l2").weights().rms();
    double none = find(outcomes, "none").weights().rms();
    return Finding.of(
        "l2-shrinks",
        "L2 shrinks the weights: their root mean square is smaller than without regularisation",
        "weight RMS: L2 " + Numbers.sig3(l2) + ", none " + Numbers.sig3(none),
        Fields.of("l2", l2, "none", none),
        l2 < none);
  }

  /**
   * Max-norm caps every unit's incoming weight vector at c; the result says whether the cap bound
   * (whether the network without it has a longer column).
   */
  static Finding maxNormCaps(List<Outcome> outcomes, double c) {
    Map<String, Double> norms = new LinkedHashMap<>();
    outcomes.forEach(o -> norms.put(o.id(), o.weights().maxColumnNorm()));
    double capped =
        Math.max(
            find(outcomes, "max-norm").weights().maxColumnNorm(),
            find(outcomes, "dropout+max-norm").weights().maxColumnNorm());
    double none = find(outcomes, "none").weights().maxColumnNorm();
    return Finding.of(
        "max-norm-caps",
        "Max-norm caps every unit's incoming weight vector at c = " + Numbers.sig3(c),
        "largest column norm with max-norm "
            + Numbers.sig3(capped)
            + "; without regularisation "
            + Numbers.sig3(none)
            + (none > c ? " (the cap bound)" : " (under the cap: it never bound)"),
        norms,
        capped <= c + 1e-5);
  }

  private static Outcome find(List<Outcome> outcomes, String id) {
    return outcomes.stream()
        .filter(o -> o.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no variant " + id));
  }

  private static List<Outcome> sortedBy(
      List<Outcome> outcomes, java.util.function.ToDoubleFunction<Outcome> key) {
    List<Outcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(Comparator.comparingDouble(key));
    return sorted;
  }

  private static String percent(double share) {
    return Numbers.sig3(100 * share) + " %";
  }
}
