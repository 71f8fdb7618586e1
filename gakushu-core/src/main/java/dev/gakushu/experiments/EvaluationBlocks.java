package dev.gakushu.experiments;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of a data set cut once into blocks, to measure networks' accuracy on them again and
 * again (after every epoch, several networks at once: the blocks are only read) without copying the
 * rows each time. A row's probabilities in evaluation mode do not depend on the rows beside it
 * (BatchNorm uses its running statistics, dropout only scales, each product's element is one chain
 * of multiply-adds), so the accuracy is {@link dev.gakushu.train.Evaluation}'s, to the bit, for any
 * block size.
 */
final class EvaluationBlocks {
  /** Rows per block: large products, and buffers that stay small. */
  static final int ROWS = 1000;

  private final Dataset data;
  private final List<Matrix> features = new ArrayList<>();
  private final List<int[]> labels = new ArrayList<>();

  EvaluationBlocks(Dataset data) {
    this(data, ROWS);
  }

  EvaluationBlocks(Dataset data, int rowsPerBlock) {
    if (rowsPerBlock < 1) {
      throw new IllegalArgumentException("rows per block must be at least 1, was " + rowsPerBlock);
    }
    this.data = data;
    int d = data.featureCount();
    for (int start = 0; start < data.size(); start += rowsPerBlock) {
      int rows = Math.min(rowsPerBlock, data.size() - start);
      features.add(
          Matrix.wrap(
              rows, d, Arrays.copyOfRange(data.features().data(), start * d, (start + rows) * d)));
      labels.add(Arrays.copyOfRange(data.labels(), start, start + rows));
    }
  }

  /** The data set the blocks hold. */
  Dataset data() {
    return data;
  }

  /**
   * The share of rows whose most probable class (the first of equals) is their label, in evaluation
   * mode; NaN for no rows.
   */
  double accuracy(Network network) {
    long correct = 0;
    int[] predicted = new int[features.isEmpty() ? 0 : features.get(0).rows()];
    for (int b = 0; b < features.size(); b++) {
      int[] truth = labels.get(b);
      network.loss(features.get(b), truth, Mode.EVAL);
      ElementWise.argmaxRows(network.lastProbabilities(), predicted);
      for (int r = 0; r < truth.length; r++) {
        if (predicted[r] == truth[r]) {
          correct++;
        }
      }
    }
    return data.size() == 0 ? Double.NaN : (double) correct / data.size();
  }
}
