package dev.gakushu.train;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;
import java.util.List;

/**
 * Loss, accuracy, per-class precision and recall, and the confusion matrix of a network on a data
 * set, in evaluation mode. {@code confusion[t][p]} counts rows of true class t predicted as p;
 * precision_c = confusion[c][c] / Σ_t confusion[t][c], recall_c = confusion[c][c] / Σ_p
 * confusion[c][p] (NaN when the denominator is 0).
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
    long actualC = 0;
    for (long v : confusion[c]) {
      actualC += v;
    }
    return actualC == 0 ? Double.NaN : (double) confusion[c][c] / actualC;
  }
}
