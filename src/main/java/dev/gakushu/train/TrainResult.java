package dev.gakushu.train;

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

  public EpochMetrics last() {
    return history.get(history.size() - 1);
  }
}
