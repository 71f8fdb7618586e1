package dev.gakushu.spark;

import dev.gakushu.tune.ExecutorProvider;
import dev.gakushu.tune.Search;

/** {@code tune --executor spark}: trials as Spark tasks (see {@link SparkExecutor}). */
public final class SparkExecutorProvider implements ExecutorProvider {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public Search.Executor executor(String master) {
    return new SparkExecutor(master);
  }
}
