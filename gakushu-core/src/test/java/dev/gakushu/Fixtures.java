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
   * NumPy's {@code allclose}, element by element: |a_i − e_i| ≤ atol + rtol·|e_i| for every i. The
   * callers state their rtol and atol next to the fixture they compare with.
   */
  public static void assertAllClose(
      String what, float[] actual, float[] expected, double rtol, double atol) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      double allowed = atol + rtol * Math.abs(expected[i]);
      assertThat((double) actual[i])
          .as("%s[%d] (rtol %g, atol %g)", what, i, rtol, atol)
          .isCloseTo(expected[i], Offset.offset(allowed));
    }
  }
}
