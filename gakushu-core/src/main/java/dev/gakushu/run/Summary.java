package dev.gakushu.run;

import java.util.List;

/**
 * What a finished train run produced, as {@link RunFile#SUMMARY} holds it ({@link SummaryFile}).
 *
 * @param classes the class names, in output order
 * @param network the layers as {@code Network.describe()} words them
 * @param widths the layer widths as numbers: the inputs, then each dense layer's units
 * @param batchNorm whether the network normalises batches
 * @param dropout whether the network drops units
 * @param testLoss NaN when not evaluated
 * @param testAccuracy NaN when not evaluated
 * @param epochs the epochs run, null when none
 * @param finalTrainLoss the last epoch's, NaN when none
 * @param finalValidationAccuracy the last epoch's, NaN when none or not validated
 * @param earlyStopping whether the run stops early (then {@code stopped} and {@code bestEpoch} are
 *     written)
 * @param stopped why the run stopped early, or null
 * @param bestEpoch the epoch whose weights the model holds under early stopping, else 0
 */
public record Summary(
    String gakushuVersion,
    String data,
    List<String> classes,
    Rows rows,
    String network,
    List<Integer> widths,
    boolean batchNorm,
    boolean dropout,
    String optimizer,
    double testLoss,
    double testAccuracy,
    int testRows,
    Integer epochs,
    long steps,
    double seconds,
    double samplesPerSecond,
    String model,
    double finalTrainLoss,
    double finalValidationAccuracy,
    boolean earlyStopping,
    String stopped,
    int bestEpoch) {
  public Summary {
    classes = List.copyOf(classes);
    widths = List.copyOf(widths);
  }

  /** The rows of each part of the data. */
  public record Rows(int train, int validation, int test) {}

  /**
   * The widths as {@code 784-100x2-10}: repeated hidden widths counted, then {@code bn} and {@code
   * dropout} when the network has them.
   */
  public String shape() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < widths.size(); ) {
      int same = 1;
      // the inputs (i = 0) and the outputs (the last width) are never counted with hidden ones
      while (i > 0 && i + same < widths.size() - 1 && widths.get(i + same).equals(widths.get(i))) {
        same++;
      }
      text.append(i == 0 ? "" : "-").append(widths.get(i)).append(same > 1 ? "x" + same : "");
      i += same;
    }
    if (batchNorm) {
      text.append(" bn");
    }
    if (dropout) {
      text.append(" dropout");
    }
    return text.toString();
  }
}
