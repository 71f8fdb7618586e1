package dev.gakushu.train;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Loss, accuracy, per-class precision and recall, and the confusion matrix of a network on a data
 * set, in evaluation mode. {@code confusion[t][p]} counts rows of true class t predicted as p;
 * precision_c = confusion[c][c] / Σ_t confusion[t][c], recall_c = confusion[c][c] / Σ_p
 * confusion[c][p] (NaN when the denominator is 0), F1_c = 2 precision_c recall_c / (precision_c +
 * recall_c) (0 when both are 0, NaN when either is NaN), support_c = Σ_p confusion[c][p]: the
 * columns of scikit-learn's {@code classification_report}, with its macro and weighted averages.
 */
public record ClassificationReport(
    List<String> classNames, double loss, double accuracy, int rows, long[][] confusion) {

  public static ClassificationReport of(Network network, Dataset data) {
    int k = data.classCount();
    long[][] confusion = new long[k][k];
    int d = data.featureCount();
    double lossSum = 0;
    int[] predicted = new int[Evaluation.CHUNK];
    for (int start = 0; start < data.size(); start += Evaluation.CHUNK) {
      int rows = Math.min(Evaluation.CHUNK, data.size() - start);
      float[] part = new float[rows * d];
      System.arraycopy(data.features().data(), start * d, part, 0, part.length);
      int[] labels = java.util.Arrays.copyOfRange(data.labels(), start, start + rows);
      lossSum += network.loss(Matrix.wrap(rows, d, part), labels, Mode.EVAL) * rows;
      ElementWise.argmaxRows(network.lastProbabilities(), predicted);
      for (int r = 0; r < rows; r++) {
        confusion[labels[r]][predicted[r]]++;
      }
    }
    long correct = 0;
    for (int c = 0; c < k; c++) {
      correct += confusion[c][c];
    }
    int n = data.size();
    return new ClassificationReport(
        data.classNames(),
        n == 0 ? Double.NaN : lossSum / n,
        n == 0 ? Double.NaN : (double) correct / n,
        n,
        confusion);
  }

  public double precision(int c) {
    long predictedAsC = 0;
    for (long[] row : confusion) {
      predictedAsC += row[c];
    }
    return predictedAsC == 0 ? Double.NaN : (double) confusion[c][c] / predictedAsC;
  }

  public double recall(int c) {
    long actualC = support(c);
    return actualC == 0 ? Double.NaN : (double) confusion[c][c] / actualC;
  }

  /** The harmonic mean of precision and recall: 0 when both are 0, NaN when either is NaN. */
  public double f1(int c) {
    double p = precision(c);
    double r = recall(c);
    if (Double.isNaN(p) || Double.isNaN(r)) {
      return Double.NaN;
    }
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** The rows whose true class is {@code c}. */
  public long support(int c) {
    long actualC = 0;
    for (long v : confusion[c]) {
      actualC += v;
    }
    return actualC;
  }

  /**
   * The unweighted mean over classes of a per-class metric (e.g. {@code report::f1}); an undefined
   * (NaN) value counts as 0, as scikit-learn's {@code zero_division=0} does.
   */
  public double macroAverage(IntToDoubleFunction metric) {
    int k = classNames.size();
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += definedOrZero(metric.applyAsDouble(c));
    }
    return k == 0 ? Double.NaN : sum / k;
  }

  /** The mean over classes weighted by support: Σ_c support_c · metric_c / rows (NaN as 0). */
  public double weightedAverage(IntToDoubleFunction metric) {
    double sum = 0;
    long total = 0;
    for (int c = 0; c < classNames.size(); c++) {
      sum += support(c) * definedOrZero(metric.applyAsDouble(c));
      total += support(c);
    }
    return total == 0 ? Double.NaN : sum / total;
  }

  private static double definedOrZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
