package dev.gakushu.experiments;

import dev.gakushu.Conventions;
import dev.gakushu.report.ExperimentResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link OptimizerPaths} as an experiment of the report: the book's conventions and 30 points. */
public final class OptimizerPathsExperiment implements Experiment {
  @Override
  public String name() {
    return "optimizer-paths";
  }

  @Override
  public ExperimentResult run(BookData data, boolean quick, long seed, int threads) {
    long start = System.nanoTime();
    List<OptimizerPaths.Path> paths = OptimizerPaths.run(Conventions.BOOK, OptimizerPaths.POINTS);
    List<Map<String, Object>> json = new ArrayList<>();
    for (OptimizerPaths.Path p : paths) {
      json.add(
          Fields.of("optimizer", p.optimizer(), "lr", p.learningRate(), "x", p.x(), "y", p.y()));
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("function", "f(x, y) = x^2/20 + y^2");
    config.put("start", List.of(OptimizerPaths.START_X, OptimizerPaths.START_Y));
    config.put("points", OptimizerPaths.POINTS);
    config.put("conventions", "book");
    config.put("learning_rates", OptimizerPaths.LEARNING_RATES);
    return new ExperimentResult(
        name(),
        "Optimizer paths on x²/20 + y²",
        OptimizerPathsFigure.of(paths),
        json,
        OptimizerPaths.findings(paths),
        config,
        (System.nanoTime() - start) / 1e9);
  }
}
