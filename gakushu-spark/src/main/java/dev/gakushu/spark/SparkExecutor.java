package dev.gakushu.spark;

import dev.gakushu.BadInputException;
import dev.gakushu.data.Dataset;
import dev.gakushu.tune.Search;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a search's trials as Spark tasks, one Spark job per task in a job group of its own. The
 * search's driver (the JVM that calls {@link Search#run}) keeps the journal and the rung decisions;
 * a task is a trial's run specification, seed and snapshot as text and bytes, so an executor on any
 * machine computes the same bits as a local thread. Speculative execution is turned off (a trial
 * runs once unless its executor is lost; {@code spark.task.maxFailures} re-runs it then).
 */
public final class SparkExecutor implements Search.Executor {
  private static final Pattern MASTER =
      Pattern.compile("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?|(spark|k8s)://.+|yarn");

  private final String master;
  private final JavaSparkContext given;

  /**
   * An executor that starts a Spark context for each search and stops it at the end.
   *
   * @param master where Spark runs, or null for the master spark-submit sets
   * @throws BadInputException if the master is not one Spark accepts
   */
  public SparkExecutor(String master) {
    if (master != null && !MASTER.matcher(master).matches()) {
      throw new BadInputException(
          "Spark master '"
              + master
              + "': expected local, local[N], local[*], spark://HOST:PORT, yarn or k8s://HOST:PORT");
    }
    this.master = master;
    this.given = null;
  }

  /**
   * An executor on a Spark context the caller owns and stops (its configuration decides, e.g.
   * {@code spark.task.cpus}; speculative execution must be off).
   */
  public SparkExecutor(JavaSparkContext spark) {
    if (spark.getConf().getBoolean("spark.speculation", false)) {
      throw new IllegalArgumentException(
          "spark.speculation is on: a trial could run twice at once; turn it off");
    }
    this.master = null;
    this.given = spark;
  }

  @Override
  public Search.Runner start(Dataset train, Dataset validation, int workers) {
    if (given != null) {
      return new SparkRunner(given, false, new SearchData(train, validation).toBytes());
    }
    SparkConf conf = new SparkConf().setAppName("gakushu tune");
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      throw new BadInputException(
          "no Spark master: name one (local[N], spark://HOST:PORT, yarn, k8s://HOST:PORT), or"
              + " start the search with spark-submit, which sets it");
    }
    conf.set("spark.speculation", "false");
    conf.setIfMissing("spark.log.level", "WARN");
    JavaSparkContext spark = new JavaSparkContext(conf);
    return new SparkRunner(spark, true, new SearchData(train, validation).toBytes());
  }
}
