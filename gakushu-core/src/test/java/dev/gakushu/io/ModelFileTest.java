package dev.gakushu.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.Fixtures;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Split;
import dev.gakushu.data.Standardizer;
import dev.gakushu.nn.Mode;
import dev.gakushu.nn.Network;
import dev.gakushu.tensor.Matrix;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  /** The same code on the same file: only the GEMM's summation order may differ between kernels. */
  private static final double GOLDEN_RTOL = 1e-6;

  private static final double GOLDEN_ATOL = 1e-7;

  /** NumPy's float32 matrix products sum in another order than ours. */
  private static final double NUMPY_RTOL = 1e-5;

  private static final double NUMPY_ATOL = 1e-7;

  @TempDir Path tmp;

  /**
   * A model written by Gakushu 0.1 (tools/reference/write_golden_model.sh); later versions must
   * keep reading it.
   */
  static Path goldenModel() {
    try {
      return Path.of(ModelFileTest.class.getResource("/golden/model-v1.safetensors").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first five embedded digits, as raw pixel counts 0..16. */
  static Matrix firstDigitsRaw() {
    Matrix x = EmbeddedDigits.load().subset("five", new int[] {0, 1, 2, 3, 4}).features().copy();
    dev.gakushu.tensor.ElementWise.scale(x, 16f, x);
    return x;
  }

  static Matrix probabilities(ModelFile.Model model, Matrix raw) {
    Matrix logits = model.network().forward(model.prepareRaw(raw), Mode.EVAL);
    Matrix p = new Matrix(logits.rows(), logits.cols());
    dev.gakushu.tensor.ElementWise.softmaxRows(logits, p);
    return p;
  }

  @Test
  void aWrittenModelPredictsExactlyLikeTheNetworkItCameFrom() {
    Split split = Split.stratified(EmbeddedDigits.load(), 0.2, 0.2, 3);
    Standardizer s = split.standardizeInPlace();
    Network net = Network.builder(64).dense(30).batchNorm().relu().dropout(0.3).dense(10).build(3);
    net.loss(
        split.train().features(),
        split.train().labels(),
        Mode.TRAIN); // move the running statistics
    Path file = tmp.resolve("m.safetensors");
    ModelFile.write(file, net, s, split.train().classNames(), 1.0 / 16, Map.of("seed", 3));
    ModelFile.Model back = ModelFile.read(file, 2);
    Matrix x = split.test().features();
    Matrix expected = net.forward(x, Mode.EVAL).copy();
    assertThat(back.network().forward(x, Mode.EVAL).data()).containsExactly(expected.data());
    assertThat(back.network().spec()).isEqualTo(net.spec());
    assertThat(back.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(back.standardizer().mean()).containsExactly(s.mean());
    assertThat(back.inputScale()).isEqualTo(1.0 / 16);
    assertThat(back.config()).containsEntry("seed", 3);
  }

  @Test
  void theGoldenModelStillLoadsAndPredictsAsItDid() {
    ModelFile.Model model = ModelFile.read(goldenModel(), 1);
    JsonNode expected = Fixtures.load("golden-predictions.json");
    Fixtures.assertAllClose(
        "golden probabilities",
        probabilities(model, firstDigitsRaw()).data(),
        Fixtures.floats(expected.get("probabilities")),
        GOLDEN_RTOL,
        GOLDEN_ATOL);
  }

  @Test
  void anIndependentNumPyReaderComputesTheSamePredictions() {
    // src/test/resources/interop/predict_numpy.py reads the golden file with nothing but the
    // format's rules
    ModelFile.Model model = ModelFile.read(goldenModel(), 1);
    JsonNode numpy = Fixtures.load("interop-predictions.json");
    Fixtures.assertAllClose(
        "NumPy probabilities",
        probabilities(model, firstDigitsRaw()).data(),
        Fixtures.floats(numpy.get("probabilities")),
        NUMPY_RTOL,
        NUMPY_ATOL);
  }

  @Test
  void aModelOfAnotherArchitectureCannotWarmStart() {
    ModelFile.Model golden = ModelFile.read(goldenModel(), 1);
    Network other = Network.builder(64).dense(7).relu().dense(10).build(1);
    assertThatThrownBy(() -> ModelFile.copyWeights(golden, other, goldenModel()))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("differs from this run's");
  }

  @Test
  void aFileThatIsNotAGakushuModelIsNamed() throws Exception {
    Path file = tmp.resolve("plain.safetensors");
    SafeTensors.write(file, Map.of("w", new SafeTensors.Tensor(1, 1, new float[] {1})), Map.of());
    assertThatThrownBy(() -> ModelFile.read(file, 1))
        .hasMessage(file + ": not a Gakushu model (its metadata lacks " + "format=gakushu-model)");
    SafeTensors.Contents golden = SafeTensors.read(goldenModel());
    Map<String, String> meta = new java.util.LinkedHashMap<>(golden.metadata());
    meta.put(
        "architecture",
        "{\"inputs\":64,\"conventions\":\"pytorch\",\"layers\":[{\"type\":\"dense\",\"units\":2000000000}]}");
    Path hostile = tmp.resolve("hostile.safetensors");
    SafeTensors.write(hostile, golden.tensors(), meta);
    assertThatThrownBy(() -> ModelFile.read(hostile, 1))
        .hasMessageContaining("needs more than the");
  }
}
