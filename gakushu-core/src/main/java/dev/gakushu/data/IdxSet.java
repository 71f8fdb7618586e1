package dev.gakushu.data;

import java.util.List;

/**
 * An MNIST-style data set: four IDX files, where they may be found and where to download them.
 *
 * @param name the name on the command line, also the cache folder's name
 * @param classNames one per label value
 * @param systemFolder a folder a system package installs the files into, or null
 * @param mirrors base URLs (ending in '/') tried in order for a download
 * @param digests the published checksum of each file, in the order of {@link #FILES}
 * @param sizes the published size of each file in bytes, in the same order: a download is cut off a
 *     little beyond it ({@link Downloader#cap})
 */
public record IdxSet(
    String name,
    List<String> classNames,
    String systemFolder,
    List<String> mirrors,
    List<Digest> digests,
    List<Long> sizes) {
  /**
   * The four files, gzipped, as they are published: training images and labels, test images and
   * labels.
   */
  public static final List<String> FILES =
      List.of(
          "train-images-idx3-ubyte.gz",
          "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz",
          "t10k-labels-idx1-ubyte.gz");

  /**
   * MNIST (LeCun, Cortes and Burges), with the SHA-256 sums that TensorFlow Datasets and
   * torchvision use.
   */
  public static final IdxSet MNIST =
      new IdxSet(
          "mnist",
          List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
          null,
          List.of(
              "https://ossci-datasets.s3.amazonaws.com/mnist/",
              "https://storage.googleapis.com/cvdf-datasets/mnist/"),
          List.of(
              Digest.sha256("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
              Digest.sha256("3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
              Digest.sha256("8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
              Digest.sha256("f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")),
          List.of(9_912_422L, 28_881L, 1_648_877L, 4_542L));

  /**
   * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017, Zalando Research, MIT licence). Its authors
   * publish MD5 sums only, so downloads are checked against those.
   */
  public static final IdxSet FASHION_MNIST =
      new IdxSet(
          "fashion-mnist",
          List.of(
              "T-shirt/top",
              "Trouser",
              "Pullover",
              "Dress",
              "Coat",
              "Sandal",
              "Shirt",
              "Sneaker",
              "Bag",
              "Ankle boot"),
          "/usr/share/datasets/fashion-mnist",
          List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
          List.of(
              Digest.md5("8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
                  Digest.md5("25c81989df183df01b3e8a0aad5dffbe"),
              Digest.md5("bef4ecab320f06d8554ea6380940ec79"),
                  Digest.md5("bb300cfdad3c16e7a12a480ee83cd310")),
          List.of(26_421_880L, 29_515L, 4_422_102L, 5_148L));

  public static final List<IdxSet> KNOWN = List.of(MNIST, FASHION_MNIST);

  /** The known set called {@code name}, or null. */
  public static IdxSet byName(String name) {
    return KNOWN.stream().filter(s -> s.name.equalsIgnoreCase(name)).findFirst().orElse(null);
  }
}
