package dev.gakushu.data;

import dev.gakushu.BadInputException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, gzipped or not (detected from the first two
 * bytes). Images ({@code idx3}: magic 0x00000803, count, rows, columns, then unsigned bytes) become
 * one contiguous float array scaled to [0, 1] by 1/255, converted chunk by chunk so no second copy
 * of the pixels is ever held; labels ({@code idx1}: magic 0x00000801, count, bytes) an int array.
 * Every defect is a {@link BadInputException} naming the file and the byte offset.
 */
public final class IdxReader {
  /** Pixel bytes 0..255 are scaled by this. */
  public static final double PIXEL_SCALE = 1.0 / 255;

  static final int IMAGES_MAGIC = 0x00000803;
  static final int LABELS_MAGIC = 0x00000801;
  private static final int CHUNK = 1 << 16;

  /**
   * The budget: at most this many pixels (or labels) in one file, 2^28 (1 GiB as float32). Fashion
   * -MNIST's training images hold 47,040,000.
   */
  public static final long MAX_VALUES = 1L << 28;

  /** Pixels of {@code count} images of {@code rows × cols}, row-major, in [0, 1]. */
  public record Images(int count, int rows, int cols, float[] pixels) {}

  private IdxReader() {}

  /** The header of an image file: the count and size of its images (no pixels are read). */
  public static Images readImageHeader(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = header(in, file, 0);
      if (magic != IMAGES_MAGIC) {
        throw new BadInputException(
            file
                + ": magic number 0x"
                + hex(magic)
                + " at byte 0 is not an IDX image file's "
                + "0x"
                + hex(IMAGES_MAGIC));
      }
      return new Images(
          header(in, file, 4), header(in, file, 8), header(in, file, 12), new float[0]);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /**
   * Reads an image file. The declared size is checked against the budget and, for an uncompressed
   * file, against the file's length before anything is allocated; a gzipped file is read first (its
   * bytes, into a buffer that grows as they arrive) and converted to floats only once it holds
   * exactly what the header declares.
   */
  public static Images readImages(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = header(in, file, 0);
      if (magic != IMAGES_MAGIC) {
        throw new BadInputException(
            file
                + ": magic number 0x"
                + hex(magic)
                + " at byte 0 is not an IDX image file's "
                + "0x"
                + hex(IMAGES_MAGIC));
      }
      int count = header(in, file, 4);
      int rows = header(in, file, 8);
      int cols = header(in, file, 12);
      long values = count < 0 || rows < 1 || cols < 1 ? -1 : product(count, rows, cols);
      if (values < 0 || values > MAX_VALUES) {
        throw new BadInputException(
            file
                + ": header says "
                + count
                + " images of "
                + rows
                + "x"
                + cols
                + ", expected a count >= 0 and a size >= 1x1 of at most "
                + MAX_VALUES
                + " pixels in all (the reader's budget)");
      }
      String what = count + " images of " + rows + "x" + cols;
      byte[] bytes = body(in, file, 16, values, what);
      if (bytes.length < values) {
        throw truncated(
            file,
            16L + bytes.length,
            "image " + (bytes.length / (rows * cols) + 1) + " of " + count);
      }
      float[] pixels = new float[bytes.length];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (bytes[i] & 0xff) / 255f;
      }
      return new Images(count, rows, cols, pixels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** Reads a label file, its declared count checked as {@link #readImages} checks sizes. */
  public static int[] readLabels(Path file) {
    try (DataInputStream in = open(file)) {
      int magic = header(in, file, 0);
      if (magic != LABELS_MAGIC) {
        throw new BadInputException(
            file
                + ": magic number 0x"
                + hex(magic)
                + " at byte 0 is not an IDX label file's "
                + "0x"
                + hex(LABELS_MAGIC));
      }
      int count = header(in, file, 4);
      if (count < 0 || count > MAX_VALUES) {
        throw new BadInputException(
            file
                + ": header says "
                + count
                + " labels, expected a count from 0 to "
                + MAX_VALUES
                + " (the reader's budget)");
      }
      byte[] bytes = body(in, file, 8, count, count + " labels");
      if (bytes.length < count) {
        throw truncated(file, 8L + bytes.length, "label " + (bytes.length + 1) + " of " + count);
      }
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** count·rows·cols, or −1 when it exceeds a long (three ints can: 2^21·2^21·2^22 = 2^64). */
  private static long product(int count, int rows, int cols) {
    try {
      return Math.multiplyExact(Math.multiplyExact((long) count, rows), (long) cols);
    } catch (ArithmeticException overflow) {
      return -1;
    }
  }

  /**
   * The {@code declared} bytes after the header, or fewer when the data ends early (the caller
   * reports where). An uncompressed file's length is compared with the header first; a gzipped
   * stream is read into a buffer that grows only as bytes arrive, so a header that lies costs no
   * more memory than the data really holds.
   *
   * @throws BadInputException when more data follows the declared bytes
   */
  private static byte[] body(
      DataInputStream in, Path file, int headerBytes, long declared, String what)
      throws IOException {
    if (!isGzip(file)) {
      long size = Files.size(file);
      if (size > headerBytes + declared) {
        throw moreData(file, headerBytes + declared, what);
      }
      declared = Math.min(declared, size - headerBytes);
    }
    byte[] buffer = new byte[(int) Math.min(declared, CHUNK)];
    int filled = 0;
    while (filled < declared) {
      if (filled == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min(declared, 2L * buffer.length));
      }
      int got = readFully(in, buffer, filled, buffer.length - filled);
      filled += got;
      if (filled < buffer.length) {
        return Arrays.copyOf(buffer, filled);
      }
    }
    if (in.read() >= 0) {
      throw moreData(file, headerBytes + declared, what);
    }
    return buffer;
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK);
    return new DataInputStream(
        isGzip(file) ? new BufferedInputStream(new GZIPInputStream(raw, CHUNK), CHUNK) : raw);
  }

  /** Whether the file starts with gzip's magic bytes 1f 8b. */
  private static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static int header(DataInputStream in, Path file, long offset) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw truncated(file, offset, "the header");
    }
  }

  private static int readFully(InputStream in, byte[] buffer, int offset, int length)
      throws IOException {
    int total = 0;
    while (total < length) {
      int n;
      try {
        n = in.read(buffer, offset + total, length - total);
      } catch (EOFException e) {
        // a gzip stream cut short
        return total;
      }
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private static BadInputException moreData(Path file, long offset, String what) {
    return new BadInputException(
        file + ": more data after byte " + offset + "; the header announces exactly " + what);
  }

  private static BadInputException truncated(Path file, long offset, String what) {
    return new BadInputException(
        file + ": truncated at byte " + offset + " (of the uncompressed data), in " + what);
  }

  private static BadInputException unreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new BadInputException(file + ": no such file");
    }
    if (e instanceof ZipException || e instanceof EOFException) {
      return new BadInputException(
          file + ": corrupt or truncated gzip stream (" + e.getMessage() + ")", e);
    }
    return new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
  }

  private static String hex(int v) {
    return String.format("%08x", v);
  }
}
