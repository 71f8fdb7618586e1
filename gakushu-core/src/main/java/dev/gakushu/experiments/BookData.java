package dev.gakushu.experiments;

import dev.gakushu.data.DataAccess;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.DataSource;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.Downloader;
import dev.gakushu.data.IdxSet;

/**
 * The data of the chapter's experiments: Fashion-MNIST (the book uses MNIST, which cannot be
 * downloaded here; Fashion-MNIST has the same shape) with pixels in [0, 1] and no standardisation,
 * as the book's {@code load_mnist(normalize=True)}; the embedded digits when Fashion-MNIST is not
 * on this machine, which the experiment then says.
 *
 * @param note empty, or why the data is not Fashion-MNIST
 */
public record BookData(String name, Dataset train, Dataset test, String note) {
  /**
   * The data {@code source} names (as train's data option: a data set's name, an IDX folder or a
   * CSV file), read as it is, without standardisation: its own test part, or else its first 80 %
   * for training and the rest for testing.
   *
   * @throws dev.gakushu.BadInputException if the data cannot be found or read
   */
  public static BookData load(String source, DataAccess access) {
    DataSource s =
        DataSource.load(
            source,
            access.locations(),
            access.offline(),
            new DataSource.CsvOptions(null, null),
            Downloader.standard(),
            access.progress());
    if (s.test() != null) {
      return new BookData(s.name(), s.pool(), s.test(), "");
    }
    Dataset all = s.pool();
    int cut = all.size() * 4 / 5;
    return new BookData(
        s.name(),
        all.subset(s.name() + "/train", java.util.stream.IntStream.range(0, cut).toArray()),
        all.subset(s.name() + "/test", java.util.stream.IntStream.range(cut, all.size()).toArray()),
        "");
  }

  /** Fashion-MNIST when it is on this machine, else the embedded digits (and a note saying so). */
  public static BookData load() {
    DataLocations locations = DataLocations.fromEnvironment(null);
    if (locations.find(IdxSet.FASHION_MNIST) != null) {
      DataSource s =
          DataSource.load(
              IdxSet.FASHION_MNIST.name(),
              locations,
              true,
              new DataSource.CsvOptions(null, null),
              Downloader.standard(),
              Downloader.Progress.NONE);
      return new BookData(s.name(), s.pool(), s.test(), "");
    }
    DataSource digits =
        DataSource.load(
            "digits",
            locations,
            true,
            new DataSource.CsvOptions(null, null),
            Downloader.standard(),
            Downloader.Progress.NONE);
    Dataset all = digits.pool();
    int cut = all.size() * 4 / 5;
    int[] first = java.util.stream.IntStream.range(0, cut).toArray();
    int[] rest = java.util.stream.IntStream.range(cut, all.size()).toArray();
    return new BookData(
        "digits",
        all.subset("digits/train", first),
        all.subset("digits/test", rest),
        "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist): fell back to the embedded digits");
  }

  /** The first {@code n} test rows, or all of them when there are fewer. */
  public Dataset firstTestRows(int n) {
    return test.subset(
        name + "/test-first-" + n,
        java.util.stream.IntStream.range(0, Math.min(n, test.size())).toArray());
  }

  /**
   * The first {@code n} training rows (all of them when there are fewer), as the book's experiments
   * take them.
   */
  public Dataset firstTrainingRows(int n) {
    return train.subset(
        name + "/first-" + n,
        java.util.stream.IntStream.range(0, Math.min(n, train.size())).toArray());
  }
}
