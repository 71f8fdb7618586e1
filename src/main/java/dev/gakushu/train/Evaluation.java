package dev.gakushu.train;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.tensor.Matrix;

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
        int n = data.size();
        if (n == 0) {
            return new Evaluation(Double.NaN, Double.NaN, 0);
        }
        int d = data.featureCount();
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            float[] part = new float[rows * d];
            System.arraycopy(data.features().data(), start * d, part, 0, part.length);
            int[] labels = java.util.Arrays.copyOfRange(data.labels(), start, start + rows);
            lossSum += network.loss(Matrix.wrap(rows, d, part), labels, Mode.EVAL) * rows;
            correct += network.lastCorrect(labels);
        }
        return new Evaluation(lossSum / n, (double) correct / n, n);
    }
}
