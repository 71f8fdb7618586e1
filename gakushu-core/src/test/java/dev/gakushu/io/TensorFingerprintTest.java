package dev.gakushu.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFingerprintTest {
  @TempDir Path tmp;

  /**
   * The digests below were computed outside Java (Python's hashlib over the bytes the Javadoc
   * describes: name, a 0 byte, rows and columns as big-endian ints, the values' big-endian IEEE 754
   * bits, in the order of the names).
   */
  private static final String W_AND_B =
      "0ea23f1ee479364ed930677dca3c7cd3361ed2a93c2fa15f9118db9e7ba23eee";

  private static final String NOTHING =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static Map<String, SafeTensors.Tensor> wAndB() {
    Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", new SafeTensors.Tensor(1, 2, new float[] {1f, -2.5f}));
    tensors.put("b", new SafeTensors.Tensor(1, 1, new float[] {0.5f}));
    return tensors;
  }

  @Test
  void isTheSha256OfTheNamesShapesAndBitsInTheOrderOfTheNames() {
    assertThat(TensorFingerprint.of(wAndB())).isEqualTo(W_AND_B);
    Map<String, SafeTensors.Tensor> reversed = new LinkedHashMap<>();
    reversed.put("b", wAndB().get("b"));
    reversed.put("w", wAndB().get("w"));
    assertThat(TensorFingerprint.of(reversed)).isEqualTo(W_AND_B);
    assertThat(TensorFingerprint.of(Map.of())).isEqualTo(NOTHING);
  }

  @Test
  void aFilesFingerprintLeavesTheMetadataOut() throws IOException {
    Path a = tmp.resolve("a.safetensors");
    Path b = tmp.resolve("b.safetensors");
    SafeTensors.write(a, wAndB(), Map.of("threads", "1"));
    SafeTensors.write(b, wAndB(), Map.of("threads", "8", "time", "12:00"));
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(b));
    assertThat(TensorFingerprint.of(a)).isEqualTo(W_AND_B);
    assertThat(TensorFingerprint.of(b)).isEqualTo(W_AND_B);
  }

  @Test
  void aChangedValueOrShapeChangesIt() {
    Map<String, SafeTensors.Tensor> value = wAndB();
    value.put("w", new SafeTensors.Tensor(1, 2, new float[] {1f, -2.25f}));
    Map<String, SafeTensors.Tensor> shape = wAndB();
    shape.put("w", new SafeTensors.Tensor(2, 1, new float[] {1f, -2.5f}));
    assertThat(TensorFingerprint.of(value)).isNotEqualTo(W_AND_B);
    assertThat(TensorFingerprint.of(shape))
        .isNotEqualTo(W_AND_B)
        .isNotEqualTo(TensorFingerprint.of(value));
  }

  @Test
  void anUnreadableFileIsNamed() {
    Path absent = tmp.resolve("absent.safetensors");
    assertThatThrownBy(() -> TensorFingerprint.of(absent))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(absent + ": no such file");
  }
}
