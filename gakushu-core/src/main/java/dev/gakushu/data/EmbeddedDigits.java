package dev.gakushu.data;

import dev.gakushu.tensor.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The embedded default data set: 1,797 handwritten digits as 8×8 images of pixel counts 0..16, from
 * "Optical Recognition of Handwritten Digits" (E. Alpaydin, C. Kaynak, 1998, UCI Machine Learning
 * Repository, CC BY 4.0). Pixels are scaled by 1/16 to [0, 1].
 */
public final class EmbeddedDigits {
  public static final String NAME = "digits";
  static final String RESOURCE = "/dev/gakushu/digits.csv.gz";

  /** Pixel counts 0..16 are scaled by this. */
  public static final double PIXEL_SCALE = 1.0 / 16;

  private static final int PIXELS = 64;
  private static final int ROWS = 1797;

  private EmbeddedDigits() {}

  public static Dataset load() {
    try (InputStream raw = EmbeddedDigits.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("the jar lacks its embedded data set " + RESOURCE);
      }
      return parse(
          new BufferedReader(
              new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded data set " + RESOURCE, e);
    }
  }

  private static Dataset parse(BufferedReader reader) throws IOException {
    float[] pixels = new float[ROWS * PIXELS];
    int[] labels = new int[ROWS];
    int row = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split(",", -1);
      if (row >= ROWS || fields.length != PIXELS + 1) {
        throw new IllegalStateException("embedded digits: unexpected line " + (row + 1));
      }
      for (int c = 0; c < PIXELS; c++) {
        pixels[row * PIXELS + c] = Integer.parseInt(fields[c].trim()) / 16f;
      }
      labels[row] = Integer.parseInt(fields[PIXELS].trim());
      row++;
    }
    if (row != ROWS) {
      throw new IllegalStateException("embedded digits: " + row + " rows, expected " + ROWS);
    }
    List<String> classes = new ArrayList<>();
    for (int d = 0; d <= 9; d++) {
      classes.add(Integer.toString(d));
    }
    return new Dataset(NAME, Matrix.wrap(ROWS, PIXELS, pixels), labels, classes);
  }
}
