package dev.gakushu.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one JSON line per epoch to {@code metrics.jsonl}: epoch, step, lr, train_loss (the data
 * loss), weight_penalty (½λ‖W‖²), train_accuracy, validation_loss, validation_accuracy (null
 * without validation data), seconds and, on the last line of a run that stopped early, stopped
 * (why).
 */
public final class MetricsLog implements TrainListener {
  public static final String FILE = "metrics.jsonl";
  private final RunDirectory run;

  public MetricsLog(RunDirectory run) {
    this.run = run;
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("epoch", m.epoch());
    line.put("step", m.step());
    line.put("lr", m.learningRate());
    line.put("train_loss", finiteOrNull(m.trainLoss()));
    line.put("weight_penalty", finiteOrNull(m.weightPenalty()));
    line.put("train_accuracy", finiteOrNull(m.trainAccuracy()));
    line.put("validation_loss", finiteOrNull(m.validationLoss()));
    line.put("validation_accuracy", finiteOrNull(m.validationAccuracy()));
    line.put("seconds", m.seconds());
    if (m.stopReason() != null) {
      line.put("stopped", m.stopReason());
    }
    run.appendJsonLine(FILE, line);
  }

  /** JSON has no NaN: a missing figure is written as null. */
  public static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
