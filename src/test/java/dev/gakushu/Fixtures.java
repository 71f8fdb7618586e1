package dev.gakushu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.assertj.core.data.Offset;

/**
 * Loads the committed reference fixtures (written by tools/reference) and compares against them.
 */
public final class Fixtures {
  private Fixtures() {}

  public static JsonNode load(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static float[] floats(JsonNode array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) array.get(i).asDouble();
    }
    return values;
  }

  /**
   * |a_i − e_i| ≤ tolerance · max(|e_i|, max_j |e_j|): relative agreement, with entries near zero
   * judged against the scale of the whole array.
   */
  public static void assertAgrees(String what, float[] actual, float[] expected, double tolerance) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    double scale = 0;
    for (float e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      double allowed = tolerance * Math.max(Math.abs(expected[i]), scale);
      assertThat((double) actual[i])
          .as("%s[%d]", what, i)
          .isCloseTo(expected[i], Offset.offset(allowed));
    }
  }
}
