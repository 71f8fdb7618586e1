package dev.gakushu.data;

import dev.gakushu.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@code --data} value into data: {@code digits} (embedded), {@code mnist} or {@code
 * fashion-mnist} (found or downloaded), a folder of IDX files, or a CSV file.
 *
 * @param pool the rows to split into training, validation and (without {@code test}) test parts
 * @param test the data set's own test part, or null
 * @param origin where the data came from, for messages and run files
 * @param defaultValidationShare the share of the pool held out for validation unless told
 *     otherwise: 10,000 of 60,000 for MNIST-style sets, 0.2 for the others
 * @param inputScale the factor the reader applied to the file's raw values (1/16 for digits, 1/255
 *     for IDX pixels, 1 for CSV), which a model must apply to raw input too
 */
public record DataSource(
    String name,
    Dataset pool,
    Dataset test,
    String origin,
    double defaultValidationShare,
    double inputScale) {
  /** MNIST-style sets hold out 10,000 of their 60,000 training images for validation. */
  public static final double IDX_VALIDATION_SHARE = 10_000.0 / 60_000;

  /** The book's rule: hold out about 20 % of the training data. */
  public static final double DEFAULT_VALIDATION_SHARE = 0.2;

  /**
   * Whether {@code spec} names a data set this library knows (digits, mnist, fashion-mnist) rather
   * than a file or folder of this machine.
   */
  public static boolean isNamed(String spec) {
    String key = spec.trim().toLowerCase(Locale.ROOT);
    return key.equals(EmbeddedDigits.NAME) || IdxSet.byName(key) != null;
  }

  /** What a CSV source needs beyond its path. */
  public record CsvOptions(String labelColumn, Path testFile) {}

  /**
   * @param offline whether downloading is forbidden
   * @throws BadInputException when the data cannot be found, fetched or read
   */
  public static DataSource load(
      String spec,
      DataLocations locations,
      boolean offline,
      CsvOptions csv,
      Downloader downloader,
      Downloader.Progress progress) {
    String key = spec.trim().toLowerCase(Locale.ROOT);
    if (key.equals(EmbeddedDigits.NAME)) {
      return new DataSource(
          EmbeddedDigits.NAME,
          EmbeddedDigits.load(),
          null,
          "embedded in the jar",
          DEFAULT_VALIDATION_SHARE,
          EmbeddedDigits.PIXEL_SCALE);
    }
    IdxSet known = IdxSet.byName(key);
    if (known != null) {
      Path folder = locations.find(known);
      if (folder != null && folder.equals(locations.cacheFolder(known))) {
        folder = verifyCache(known, folder, offline, downloader, progress);
      }
      if (folder == null) {
        if (offline) {
          throw new BadInputException(
              "data "
                  + known.name()
                  + ": not found in "
                  + locations.candidates(known)
                  + ", and offline mode forbids downloading it");
        }
        folder = fetch(known, locations.cacheFolder(known), downloader, progress);
      }
      IdxFolder.TrainTest parts = IdxFolder.load(folder, known.name(), known.classNames());
      return new DataSource(
          known.name(),
          parts.train(),
          parts.test(),
          folder.toString(),
          IDX_VALIDATION_SHARE,
          IdxReader.PIXEL_SCALE);
    }
    Path path = Path.of(spec);
    if (Files.isDirectory(path)) {
      IdxFolder.TrainTest parts =
          IdxFolder.load(path, path.getFileName().toString(), digitClasses(path));
      return new DataSource(
          path.getFileName().toString(),
          parts.train(),
          parts.test(),
          path.toString(),
          IDX_VALIDATION_SHARE,
          IdxReader.PIXEL_SCALE);
    }
    if (Files.isRegularFile(path)) {
      Dataset table = CsvTable.read(path, csv.labelColumn());
      Dataset test =
          csv.testFile() == null
              ? null
              : CsvTable.readLike(csv.testFile(), csv.labelColumn(), table);
      return new DataSource(
          path.getFileName().toString(),
          table,
          test,
          path.toString(),
          DEFAULT_VALIDATION_SHARE,
          1.0);
    }
    throw new BadInputException(
        "data '"
            + spec
            + "': no such data set, file or folder; expected digits, mnist, "
            + "fashion-mnist, a CSV file or a folder of IDX files");
  }

  /** Class names 0..9, or as many as the folder's labels need. */
  private static List<String> digitClasses(Path folder) {
    Path labels = IdxFolder.find(folder, IdxSet.FILES.get(1));
    int max = 9;
    if (labels != null) {
      for (int label : IdxReader.readLabels(labels)) {
        max = Math.max(max, label);
      }
    }
    return java.util.stream.IntStream.rangeClosed(0, max).mapToObj(String::valueOf).toList();
  }

  /**
   * The cache folder once its downloaded files match their checksums again: a damaged file is
   * downloaded anew, or, offline, refused.
   */
  private static Path verifyCache(
      IdxSet set,
      Path folder,
      boolean offline,
      Downloader downloader,
      Downloader.Progress progress) {
    for (int i = 0; i < IdxSet.FILES.size(); i++) {
      Path file = folder.resolve(IdxSet.FILES.get(i));
      if (Files.isRegularFile(file) && !VerifiedFiles.matches(file, set.digests().get(i))) {
        if (offline) {
          throw new BadInputException(
              file
                  + ": does not match its published checksum "
                  + set.digests().get(i)
                  + "; expected the file as downloaded (delete it, or leave offline mode to fetch it"
                  + " again)");
        }
        return fetch(set, folder, downloader, progress);
      }
    }
    return folder;
  }

  /** Downloads whichever of {@code set}'s four files {@code folder} lacks or holds damaged. */
  static Path fetch(IdxSet set, Path folder, Downloader downloader, Downloader.Progress progress) {
    for (int i = 0; i < IdxSet.FILES.size(); i++) {
      String file = IdxSet.FILES.get(i);
      if (!VerifiedFiles.matches(folder.resolve(file), set.digests().get(i))) {
        downloader.download(
            set.mirrors(), file, set.digests().get(i), set.sizes().get(i), folder, progress);
      }
    }
    return folder;
  }
}
