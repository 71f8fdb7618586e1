package dev.gakushu.train;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Network;

/**
 * Mean loss and accuracy of a network on a data set, computed in evaluation mode.
 *
 * @param loss mean cross-entropy per row (NaN for an empty data set)
 * @param accuracy share of rows whose most probable class is the label (NaN when empty)
 */
public record Evaluation(double loss, double accuracy, int rows) {
  /** Rows per forward pass when evaluating, to bound memory on large data sets. */
  static final int CHUNK = 1000;

  public static Evaluation of(Network network, Dataset data) {
    ClassificationReport report = ClassificationReport.of(network, data);
    return new Evaluation(report.loss(), report.accuracy(), report.rows());
  }
}
