package dev.gakushu.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tensor.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImportanceTest {
  private static final RunSpec BASE =
      RunSpec.builder().optimizer("sgd").batchSize(100).epochs(1).threads(1).build();

  private static RegressionTree.Leaf leaf(double x0, double x1, double y0, double y1, double v) {
    return new RegressionTree.Leaf(new double[] {x0, y0}, new double[] {x1, y1}, v);
  }

  /** f = a·[x₁ &lt; ½] + b·[x₂ &lt; ½]: V = (a² + b²)/4, V₁ = a²/4, V₂ = b²/4. */
  @Test
  void aTreesMainEffectsAreExactForAnAdditiveFunction() {
    double a = 3;
    double b = 1;
    List<RegressionTree.Leaf> leaves =
        List.of(
            leaf(0, 0.5, 0, 0.5, a + b),
            leaf(0, 0.5, 0.5, 1, a),
            leaf(0.5, 1, 0, 0.5, b),
            leaf(0.5, 1, 0.5, 1, 0));
    double[] f = Importance.fractions(leaves, 2);
    assertThat(f[0]).isCloseTo(a * a / (a * a + b * b), within(1e-12));
    assertThat(f[1]).isCloseTo(b * b / (a * a + b * b), within(1e-12));
    assertThat(Importance.fractions(List.of(leaf(0, 1, 0, 1, 0.7)), 2)).isNull();
  }

  /**
   * Validation accuracy that depends on the learning rate alone: the weight decay gets under 5 % of
   * the variance, the learning rate over 80 %.
   */
  @Test
  void aHyperparameterThatDoesNothingGetsAlmostNoShare() {
    SearchSpace space =
        SearchSpace.parse(List.of("lr=log(1e-6,1e-2)", "weight-decay=log(1e-8,1e-4)"), BASE);
    for (long seed = 1; seed <= 3; seed++) {
      SplittableRandom random = Seeds.stream(seed, "objective");
      List<TrialResult> results = new ArrayList<>();
      for (int n = 0; n < 60; n++) {
        Map<String, Object> p = space.sample(random);
        double d = Math.log10((Double) p.get("lr")) + 3.5;
        double score = 0.9 * Math.exp(-d * d);
        results.add(new TrialResult(n, n, p, List.of(score), List.of(score), "completed"));
      }
      Map<String, Double> importance = Importance.of(space, results, seed);
      assertThat(importance.get("weight-decay")).as("seed %d", seed).isLessThan(0.05);
      assertThat(importance.get("lr")).as("seed %d", seed).isGreaterThan(0.8);
      assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum())
          .isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void aChoiceThatDecidesTheScoreGetsTheLargestShare() {
    SearchSpace space =
        SearchSpace.parse(List.of("lr=log(1e-6,1e-2)", "hidden=choice(50,100,200)"), BASE);
    SplittableRandom random = Seeds.stream(4, "objective");
    List<TrialResult> results = new ArrayList<>();
    for (int n = 0; n < 40; n++) {
      Map<String, Object> p = space.sample(random);
      double score = p.get("hidden").equals("100") ? 0.9 : 0.3;
      results.add(new TrialResult(n, n, p, List.of(score), List.of(score), "completed"));
    }
    results.add(
        new TrialResult(40, 40, results.get(0).params(), List.of(0.0), List.of(0.0), "stopped"));
    Map<String, Double> importance = Importance.of(space, results, 4);
    assertThat(importance.get("hidden")).isGreaterThan(0.95);
    assertThat(Importance.of(space, results.subList(0, 1), 4)).isEmpty();
  }
}
