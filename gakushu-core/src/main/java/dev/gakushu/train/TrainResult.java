package dev.gakushu.train;

import dev.gakushu.run.EpochMetrics;
import java.util.List;

/**
 * @param history one entry per epoch
 * @param steps optimizer steps taken
 * @param seconds wall time of the whole loop
 * @param samplesPerSecond training rows processed per second of wall time
 */
public record TrainResult(
    List<EpochMetrics> history, long steps, double seconds, double samplesPerSecond) {
  public TrainResult {
    history = List.copyOf(history);
  }

  /**
   * This result, or, when the loop had no epoch left to run (a run resumed from the checkpoint
   * written after its last epoch), the result the logged epochs describe: their metrics, their
   * summed time and the rows they trained per second.
   *
   * @param logged the run's epochs as its metrics log holds them
   * @param trainRows the training rows of one epoch
   */
  public TrainResult orLogged(List<EpochMetrics> logged, int trainRows) {
    if (!history.isEmpty() || logged.isEmpty()) {
      return this;
    }
    // summed in epoch order, as a reader of metrics.jsonl would: DoubleStream.sum() compensates,
    // and its total can differ from that in the last bit
    double total = 0;
    for (EpochMetrics epoch : logged) {
      total += epoch.seconds();
    }
    return new TrainResult(logged, steps, total, (double) trainRows * logged.size() / total);
  }

  public EpochMetrics last() {
    return history.get(history.size() - 1);
  }
}
