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
    assertThat(OptimizerPaths.findings(paths)).allMatch(Finding::holds);
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
