package dev.gakushu.spark;

import dev.gakushu.tune.Search;
import dev.gakushu.tune.TrialOutcome;
import dev.gakushu.tune.TrialTask;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * A {@link SparkExecutor} at work for one search: the data broadcast once, a job group for the
 * search's jobs (one per task), and a thread per job waiting for its result. Closing it — or the
 * JVM shutting down on Ctrl-C or SIGTERM — cancels the job group, so no trial of the search keeps
 * running on the cluster; the journal then holds what finished, and {@code --resume} continues.
 */
final class SparkRunner implements Search.Runner {
  private final JavaSparkContext spark;
  private final boolean owned;
  private final Broadcast<byte[]> data;
  private final String group = "gakushu-tune-" + UUID.randomUUID();
  private final ExecutorService waiting =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "gakushu-spark-job");
            t.setDaemon(true);
            return t;
          });
  private final Thread onShutdown;
  private final List<JavaFutureAction<?>> jobs = new ArrayList<>();
  private boolean closed;

  /**
   * @param owned whether this search created the Spark context, and stops it at the end
   * @param data the search's data ({@link SearchData#toBytes})
   */
  SparkRunner(JavaSparkContext spark, boolean owned, byte[] data) {
    this.spark = spark;
    this.owned = owned;
    this.data = spark.broadcast(data);
    this.onShutdown = new Thread(this::cancel, "gakushu-spark-cancel");
    Runtime.getRuntime().addShutdownHook(onShutdown);
  }

  /** The tasks that can run at once: the cluster's cores over the cores each task takes. */
  @Override
  public int slots() {
    int cpus = spark.getConf().getInt("spark.task.cpus", 1);
    return Math.max(1, spark.defaultParallelism() / cpus);
  }

  @Override
  public CompletableFuture<TrialOutcome> submit(TrialTask task) {
    Broadcast<byte[]> broadcast = data;
    String search = group;
    Tuple2<String, byte[]> input = new Tuple2<>(task.toJson(), task.snapshot());
    JavaFutureAction<List<Tuple2<String, byte[]>>> job;
    // a job starts only while the search is open: once close() has cancelled the group, none does
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new CancellationException("the search is closed"));
      }
      spark.setJobGroup(group, "trial " + task.trial() + " up to epoch " + task.until(), true);
      job =
          spark
              .parallelize(List.of(input), 1)
              .map(t -> SparkTrials.run(search, broadcast, t))
              .collectAsync();
      jobs.removeIf(JavaFutureAction::isDone);
      jobs.add(job);
    }
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Tuple2<String, byte[]> out = job.get().get(0);
            return TrialOutcome.fromJson(out._1(), out._2());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the search is closed");
          } catch (ExecutionException e) {
            throw new IllegalStateException(
                "trial " + task.trial() + " failed on Spark: " + e.getCause().getMessage(),
                e.getCause());
          }
        },
        waiting);
  }

  private void cancel() {
    synchronized (this) {
      closed = true;
      jobs.removeIf(JavaFutureAction::isDone);
      if (jobs.isEmpty()) {
        return;
      }
    }
    try {
      spark.cancelJobGroup(group);
    } catch (RuntimeException stopped) {
      // the context is already stopped, and its jobs with it
    }
  }

  @Override
  public void close() {
    cancel();
    waiting.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(onShutdown);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    if (owned) {
      spark.stop();
    } else {
      data.destroy();
    }
  }
}
