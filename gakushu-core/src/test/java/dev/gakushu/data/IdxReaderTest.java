package dev.gakushu.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import dev.gakushu.OptionalParts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class IdxReaderTest {

  @TempDir Path tmp;

  @Test
  void readsTheRealFashionMnist() {
    Path fashion = OptionalParts.assumeFashionMnist();
    IdxFolder.TrainTest parts =
        IdxFolder.load(fashion, "fashion-mnist", IdxSet.FASHION_MNIST.classNames());
    Dataset train = parts.train();
    assertThat(train.size()).isEqualTo(60_000);
    assertThat(train.featureCount()).isEqualTo(784);
    assertThat(parts.test().size()).isEqualTo(10_000);
    assertThat(train.classCounts()).containsOnly(6000);
    assertThat(parts.test().classCounts()).containsOnly(1000);
    // first training image: label 9 (ankle boot), pixel bytes summing to 76,247 (counted with
    // NumPy)
    assertThat(train.labels()[0]).isEqualTo(9);
    double sum = 0;
    for (int i = 0; i < 784; i++) {
      sum += train.features().get(0, i);
    }
    assertThat(sum * 255).isCloseTo(76_247, org.assertj.core.data.Offset.offset(0.05));
    assertThat(train.features().data().length).isEqualTo(60_000 * 784); // one contiguous array
  }

  static byte[] idx(int magic, int[] dims, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(body);
    return b.array();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  private Path file(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name), bytes);
  }

  /**
   * Writes a complete, valid set of four gzipped IDX files with 3 training and 2 test images of
   * 2×2.
   */
  static void writeValidSet(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(
        dir.resolve(IdxSet.FILES.get(0)),
        gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, new byte[12])));
    Files.write(
        dir.resolve(IdxSet.FILES.get(1)),
        gzip(idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {0, 1, 2})));
    Files.write(
        dir.resolve(IdxSet.FILES.get(2)),
        gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2}, new byte[8])));
    Files.write(
        dir.resolve(IdxSet.FILES.get(3)),
        gzip(idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 0})));
  }

  @Test
  void readsPlainAndGzippedFilesAlike() throws IOException {
    byte[] pixels = {0, (byte) 255, (byte) 128, 1};
    byte[] raw = idx(IdxReader.IMAGES_MAGIC, new int[] {1, 2, 2}, pixels);
    IdxReader.Images plain = IdxReader.readImages(file("plain", raw));
    IdxReader.Images gzipped = IdxReader.readImages(file("gz", gzip(raw)));
    assertThat(plain.pixels()).containsExactly(0f, 1f, 128 / 255f, 1 / 255f);
    assertThat(gzipped.pixels()).containsExactly(plain.pixels());
  }

  @Test
  void aWrongMagicNumberIsNamed() throws IOException {
    Path f = file("bad", idx(0x00000801, new int[] {1, 2, 2}, new byte[4]));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            f + ": magic number 0x00000801 at byte 0 is not an IDX image file's 0x00000803");
  }

  @Test
  void aTruncatedFileNamesTheOffset() throws IOException {
    byte[] full = idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, new byte[12]);
    Path f = file("short", Arrays.copyOf(full, full.length - 5));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(BadInputException.class)
        .hasMessage(f + ": truncated at byte 23 (of the uncompressed data), in image 2 of 3");
    Path header = file("header", Arrays.copyOf(full, 6));
    assertThatThrownBy(() -> IdxReader.readImages(header))
        .hasMessageContaining("truncated at byte 4");
  }

  @Test
  void aTruncatedGzipStreamIsReported() throws IOException {
    byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {50, 10, 10}, new byte[5000]));
    Path f = file("cut.gz", Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(f + ": ")
        .hasMessageContaining("truncated");
  }

  @Test
  void aSizeOtherThanTheHeaderSaysIsReported() throws IOException {
    Path f = file("long", idx(IdxReader.IMAGES_MAGIC, new int[] {1, 2, 2}, new byte[7]));
    assertThatThrownBy(() -> IdxReader.readImages(f))
        .isInstanceOf(BadInputException.class)
        .hasMessage(f + ": more data after byte 20; the header announces exactly 1 images of 2x2");
  }

  @Test
  void imageAndLabelCountsMustAgree() throws IOException {
    Path dir = tmp.resolve("set");
    writeValidSet(dir);
    Files.write(
        dir.resolve(IdxSet.FILES.get(1)),
        gzip(idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 1})));
    assertThatThrownBy(() -> IdxFolder.load(dir, "x", IdxSet.MNIST.classNames()))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("2 labels, but")
        .hasMessageContaining("holds 3 images");
  }

  @Test
  void aLabelOutsideTheClassesIsNamed() throws IOException {
    Path dir = tmp.resolve("set");
    writeValidSet(dir);
    Files.write(
        dir.resolve(IdxSet.FILES.get(3)),
        gzip(idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 12})));
    assertThatThrownBy(() -> IdxFolder.load(dir, "x", IdxSet.MNIST.classNames()))
        .hasMessageContaining("label 12 at byte 9 is outside the 10 classes 0..9");
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    Path dir = tmp.resolve("set");
    writeValidSet(dir);
    Files.delete(dir.resolve(IdxSet.FILES.get(2)));
    assertThat(IdxFolder.isComplete(dir)).isFalse();
    assertThatThrownBy(() -> IdxFolder.load(dir, "x", IdxSet.MNIST.classNames()))
        .hasMessageContaining("lacks t10k-images-idx3-ubyte.gz");
  }
}
