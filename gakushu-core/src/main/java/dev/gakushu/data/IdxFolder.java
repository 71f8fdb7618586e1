package dev.gakushu.data;

import dev.gakushu.BadInputException;
import dev.gakushu.tensor.Matrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A folder holding the four IDX files of an MNIST-style set, gzipped ({@code *.gz}) or not. */
public final class IdxFolder {
  private IdxFolder() {}

  /** Whether {@code dir} holds all four files, in either form. */
  public static boolean isComplete(Path dir) {
    return IdxSet.FILES.stream().allMatch(f -> find(dir, f) != null);
  }

  /** The file called {@code gzName} in {@code dir}, or its uncompressed twin, or null. */
  public static Path find(Path dir, String gzName) {
    Path gz = dir.resolve(gzName);
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
    return Files.isRegularFile(plain) ? plain : null;
  }

  /** The training and test sets in {@code dir}, pixels in [0, 1]. */
  public static TrainTest load(Path dir, String name, List<String> classNames) {
    Path trainImages = require(dir, IdxSet.FILES.get(0));
    Path testImages = require(dir, IdxSet.FILES.get(2));
    IdxReader.Images trainHeader = IdxReader.readImageHeader(trainImages);
    IdxReader.Images testHeader = IdxReader.readImageHeader(testImages);
    if (trainHeader.rows() != testHeader.rows() || trainHeader.cols() != testHeader.cols()) {
      throw new BadInputException(
          testImages
              + ": images of "
              + testHeader.rows()
              + "x"
              + testHeader.cols()
              + ", but "
              + trainImages
              + " holds images of "
              + trainHeader.rows()
              + "x"
              + trainHeader.cols()
              + "; expected training and test images of one size");
    }
    return new TrainTest(
        read(dir, 0, name + "/train", classNames), read(dir, 2, name + "/test", classNames));
  }

  private static Dataset read(Path dir, int first, String name, List<String> classNames) {
    Path imagesFile = require(dir, IdxSet.FILES.get(first));
    Path labelsFile = require(dir, IdxSet.FILES.get(first + 1));
    IdxReader.Images images = IdxReader.readImages(imagesFile);
    if (images.count() == 0) {
      throw new BadInputException(
          imagesFile + ": holds 0 images; expected at least one image in each part");
    }
    int[] labels = IdxReader.readLabels(labelsFile);
    if (labels.length != images.count()) {
      throw new BadInputException(
          labelsFile
              + ": "
              + labels.length
              + " labels, but "
              + imagesFile
              + " holds "
              + images.count()
              + " images; expected as many labels as images");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= classNames.size()) {
        throw new BadInputException(
            labelsFile
                + ": label "
                + labels[i]
                + " at byte "
                + (8 + i)
                + " is outside the "
                + classNames.size()
                + " classes 0.."
                + (classNames.size() - 1));
      }
    }
    return new Dataset(
        name,
        Matrix.wrap(images.count(), images.rows() * images.cols(), images.pixels()),
        labels,
        classNames);
  }

  private static Path require(Path dir, String gzName) {
    Path file = find(dir, gzName);
    if (file == null) {
      throw new BadInputException(
          dir
              + ": lacks "
              + gzName
              + " (or its uncompressed form); expected the four IDX files "
              + String.join(", ", IdxSet.FILES));
    }
    return file;
  }

  /** A data set's own training and test parts. */
  public record TrainTest(Dataset train, Dataset test) {}
}
