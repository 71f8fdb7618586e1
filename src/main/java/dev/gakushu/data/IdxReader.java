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
      if (count < 0 || rows < 1 || cols < 1 || (long) count * rows * cols > Integer.MAX_VALUE - 8) {
        throw new BadInputException(
            file
                + ": header says "
                + count
                + " images of "
                + rows
                + "x"
                + cols
                + ", expected a positive size that fits in memory");
      }
      float[] pixels = new float[count * rows * cols];
      byte[] chunk = new byte[CHUNK];
      int done = 0;
      while (done < pixels.length) {
        int want = Math.min(CHUNK, pixels.length - done);
        int got = readFully(in, chunk, want);
        if (got < want) {
          throw truncated(
              file,
              16L + done + got,
              "image " + ((done + got) / (rows * cols) + 1) + " of " + count);
        }
        for (int i = 0; i < want; i++) {
          pixels[done + i] = (chunk[i] & 0xff) / 255f;
        }
        done += want;
      }
      requireEnd(in, file, 16L + pixels.length, count + " images of " + rows + "x" + cols);
      return new Images(count, rows, cols, pixels);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

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
      if (count < 0) {
        throw new BadInputException(
            file + ": header says " + count + " labels, expected a count >= 0");
      }
      byte[] bytes = new byte[count];
      int got = readFully(in, bytes, count);
      if (got < count) {
        throw truncated(file, 8L + got, "label " + (got + 1) + " of " + count);
      }
      requireEnd(in, file, 8L + count, count + " labels");
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = bytes[i] & 0xff;
      }
      return labels;
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK);
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    boolean gzip = b0 == 0x1f && b1 == 0x8b;
    return new DataInputStream(
        gzip ? new BufferedInputStream(new GZIPInputStream(raw, CHUNK), CHUNK) : raw);
  }

  private static int header(DataInputStream in, Path file, long offset) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw truncated(file, offset, "the header");
    }
  }

  private static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
    int total = 0;
    while (total < length) {
      int n;
      try {
        n = in.read(buffer, total, length - total);
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

  private static void requireEnd(InputStream in, Path file, long offset, String what)
      throws IOException {
    if (in.read() >= 0) {
      throw new BadInputException(
          file + ": more data after byte " + offset + "; the header announces exactly " + what);
    }
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
