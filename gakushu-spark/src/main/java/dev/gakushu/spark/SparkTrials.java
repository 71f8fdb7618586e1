package dev.gakushu.spark;

import dev.gakushu.tune.TrialOutcome;
import dev.gakushu.tune.TrialRunner;
import dev.gakushu.tune.TrialTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * What a Spark task runs, on an executor: one {@link TrialTask}, given as its JSON text and its
 * snapshot's bytes, with the search's data from a broadcast; it returns the outcome the same way. A
 * trial trains with as many threads as Spark gives a task ({@code spark.task.cpus}). The data is
 * decoded once per executor JVM and kept for the search's later tasks.
 */
final class SparkTrials {
  /** The data of the search this JVM last ran a task of, by the search's name. */
  private static Tuple2<String, SearchData> decoded;

  private static final AtomicInteger DECODES = new AtomicInteger();

  private SparkTrials() {}

  /**
   * @param search names the search, unique in any JVM (broadcast ids start again with each Spark
   *     context)
   * @param data the search's data ({@link SearchData#toBytes})
   * @param task the task's JSON text and snapshot
   */
  static Tuple2<String, byte[]> run(
      String search, Broadcast<byte[]> data, Tuple2<String, byte[]> task) {
    SearchData d = data(search, data);
    TaskContext context = TaskContext.get();
    int threads = context == null ? 1 : context.cpus();
    TrialOutcome outcome =
        TrialRunner.run(
            TrialTask.fromJson(task._1(), task._2()), d.train(), d.validation(), threads);
    return new Tuple2<>(outcome.toJson(), outcome.snapshot());
  }

  private static synchronized SearchData data(String search, Broadcast<byte[]> data) {
    if (decoded == null || !decoded._1().equals(search)) {
      decoded = new Tuple2<>(search, SearchData.fromBytes(data.value()));
      DECODES.incrementAndGet();
    }
    return decoded._2();
  }

  /** How many times this JVM has decoded a search's data. */
  static int decodes() {
    return DECODES.get();
  }
}
