package dev.gakushu.data;

import dev.gakushu.tensor.Matrix;
import java.util.List;

/**
 * Labelled examples held in one contiguous array: features n × d (float32, row-major), one class
 * index per row, and the names of the classes.
 */
public final class Dataset {
  private final String name;
  private final Matrix features;
  private final int[] labels;
  private final List<String> classNames;

  /**
   * @param labels one class index per row of {@code features}, each in [0, classNames.size())
   */
  public Dataset(String name, Matrix features, int[] labels, List<String> classNames) {
    if (features.rows() != labels.length) {
      throw new IllegalArgumentException(
          name + ": " + features.rows() + " rows of features but " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            name
                + ": label "
                + labels[i]
                + " of row "
                + i
                + " is outside [0, "
                + classNames.size()
                + ")");
      }
    }
    this.name = name;
    this.features = features;
    this.labels = labels;
    this.classNames = List.copyOf(classNames);
  }

  public String name() {
    return name;
  }

  public Matrix features() {
    return features;
  }

  /** The class index of each row (the array itself, not a copy). */
  public int[] labels() {
    return labels;
  }

  public List<String> classNames() {
    return classNames;
  }

  public int size() {
    return labels.length;
  }

  public int featureCount() {
    return features.cols();
  }

  public int classCount() {
    return classNames.size();
  }

  /** The rows at {@code indices}, in that order, copied into a new data set. */
  public Dataset subset(String subsetName, int[] indices) {
    int d = featureCount();
    float[] source = features.data();
    float[] rows = new float[indices.length * d];
    int[] subsetLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      System.arraycopy(source, indices[i] * d, rows, i * d, d);
      subsetLabels[i] = labels[indices[i]];
    }
    return new Dataset(subsetName, Matrix.wrap(indices.length, d, rows), subsetLabels, classNames);
  }

  /** The same labels and classes with other features (e.g. standardised ones). */
  public Dataset withFeatures(Matrix newFeatures) {
    return new Dataset(name, newFeatures, labels, classNames);
  }

  /** How many rows each class has. */
  public int[] classCounts() {
    int[] counts = new int[classCount()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  @Override
  public String toString() {
    return name
        + "["
        + size()
        + " rows, "
        + featureCount()
        + " features, "
        + classCount()
        + " classes]";
  }
}
