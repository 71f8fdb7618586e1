package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.Conventions;
import dev.gakushu.optim.Sgd;
import dev.gakushu.report.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerPathsTest {
  @Test
  void sgdZigZagsAndEveryOptimizerEndsCloserToTheMinimum() {
    List<OptimizerPaths.Path> paths = OptimizerPaths.run(Conventions.BOOK, 30);
    assertThat(paths)
        .extracting(OptimizerPaths.Path::optimizer)
        .containsExactly("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam");
    OptimizerPaths.Path sgd = paths.get(0);
    assertThat(sgd.ySignChanges()).isGreaterThanOrEqualTo(20);
    double start = Math.hypot(-7, 2);
    for (OptimizerPaths.Path p : paths) {
      assertThat(p.x()).hasSize(30);
      assertThat(p.x()[0]).isEqualTo(-7);
      assertThat(p.y()[0]).isEqualTo(2);
      assertThat(p.finalDistance()).as(p.optimizer()).isLessThan(start);
    }
    List<Finding> findings = OptimizerPaths.findings(paths);
    assertThat(findings)
        .extracting(Finding::id)
        .containsExactly("sgd-zigzags", "adagrad-ends-nearest");
    assertThat(findings).allMatch(Finding::holds);
    assertThat(findings.get(1).result()).contains("nearest of the four: AdaGrad");
  }

  @Test
  void adaGradEndingNearestCanFailAndTheNearestIsNamed() {
    OptimizerPaths.Path sgd =
        new OptimizerPaths.Path("sgd", 0.95, new double[] {-7, 0.1}, new double[] {2, 0});
    OptimizerPaths.Path adagrad =
        new OptimizerPaths.Path("adagrad", 1.5, new double[] {-7, -1}, new double[] {2, 0});
    // RMSprop, not one of the book's four, ends nearest of all: it does not count
    OptimizerPaths.Path rmsprop =
        new OptimizerPaths.Path("rmsprop", 0.1, new double[] {-7, 0}, new double[] {2, 0});
    Finding nearest = OptimizerPaths.findings(List.of(sgd, adagrad, rmsprop)).get(1);
    assertThat(nearest.id()).isEqualTo("adagrad-ends-nearest");
    assertThat(nearest.holds()).isFalse();
    assertThat(nearest.result())
        .contains("RMSprop 0 < SGD 0.1 < AdaGrad 1")
        .endsWith("nearest of the four: SGD");
  }

  @Test
  void positionsAreRecordedBeforeEachUpdate() {
    // SGD with lr 0.95: x ← x − 0.95·x/10, y ← y − 0.95·2y, so y flips sign with factor −0.9
    OptimizerPaths.Path path = OptimizerPaths.trace(new Sgd(0.95), 0.95, 3);
    assertThat(path.x()[1]).isCloseTo(-7 * 0.905, org.assertj.core.api.Assertions.within(1e-5));
    assertThat(path.y()[1]).isCloseTo(2 * -0.9, org.assertj.core.api.Assertions.within(1e-5));
    assertThat(path.y()[2]).isCloseTo(2 * 0.81, org.assertj.core.api.Assertions.within(1e-5));
  }

  @Test
  void aFindingThatDoesNotHoldIsReportedAsSuch() {
    // a learning rate too small to cross the valley: no zig-zag
    OptimizerPaths.Path slow = OptimizerPaths.trace(new Sgd(0.01), 0.01, 30);
    List<Finding> findings = OptimizerPaths.findings(List.of(slow));
    assertThat(findings.get(0).id()).isEqualTo("sgd-zigzags");
    assertThat(findings.get(0).holds()).isFalse();
  }
}
