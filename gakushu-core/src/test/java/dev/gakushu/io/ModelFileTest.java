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
    ModelFile.write(file, new ModelFile.Model(net, s, split.train().classNames(), 1.0 / 16, null));
    ModelFile.Model back = ModelFile.read(file, 2);
    Matrix x = split.test().features();
    Matrix expected = net.forward(x, Mode.EVAL).copy();
    assertThat(back.network().forward(x, Mode.EVAL).data()).containsExactly(expected.data());
    assertThat(back.network().spec()).isEqualTo(net.spec());
    assertThat(back.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    assertThat(back.standardizer().mean()).containsExactly(s.mean());
    assertThat(back.inputScale()).isEqualTo(1.0 / 16);
    assertThat(back.spec()).isNull();
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

  /** 3 inputs → dense(4) → batchnorm → relu → dense(2): 16 + 16 + 10 = 42 values, no more. */
  private Path smallModel(Network net) {
    net.loss(Matrix.of(2, 3, 1, 2, 3, -1, 0, 2), new int[] {0, 1}, Mode.TRAIN);
    net.batchNorms().get(0).runningVariance().data()[1] = 0; // a variance of 0 is a variance
    Path file = tmp.resolve("small.safetensors");
    ModelFile.write(file, new ModelFile.Model(net, null, java.util.List.of("a", "b"), 1, null));
    return file;
  }

  private static Network smallNetwork(long seed) {
    return Network.builder(3).dense(4).batchNorm().relu().dense(2).build(seed);
  }

  @Test
  void aModelHoldingExactlyWhatItNeedsLoadsAndWarmStartsAnEqualNetwork() {
    Network net = smallNetwork(1);
    ModelFile.Model back = ModelFile.read(smallModel(net), 1);
    assertThat(back.standardizer()).isNull();
    Network fresh = smallNetwork(2);
    ModelFile.copyWeights(back, fresh, tmp);
    for (int i = 0; i < net.params().size(); i++) {
      assertThat(fresh.params().get(i).value().data())
          .containsExactly(net.params().get(i).value().data());
    }
    assertThat(fresh.batchNorms().get(0).runningMean().data())
        .containsExactly(net.batchNorms().get(0).runningMean().data());
    assertThat(fresh.batchNorms().get(0).runningVariance().data())
        .containsExactly(net.batchNorms().get(0).runningVariance().data());
    Matrix x = Matrix.of(1, 3, 0.5f, -0.5f, 2);
    assertThat(back.prepare(x).data()).containsExactly(x.data());
    assertThat(back.predict(x).probabilities().data())
        .containsExactly(softmax(net.forward(x, Mode.EVAL)).data());

    Network one = Network.builder(1).dense(1).build(3);
    Path tiny = tmp.resolve("one.safetensors");
    ModelFile.write(tiny, new ModelFile.Model(one, null, java.util.List.of("only"), 1, null));
    assertThat(ModelFile.read(tiny, 1).network().spec()).isEqualTo(one.spec());
  }

  private static Matrix softmax(Matrix logits) {
    Matrix p = new Matrix(logits.rows(), logits.cols());
    for (int r = 0; r < logits.rows(); r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < logits.cols(); c++) {
        max = Math.max(max, logits.get(r, c));
      }
      double sum = 0;
      for (int c = 0; c < logits.cols(); c++) {
        sum += Math.exp(logits.get(r, c) - max);
      }
      for (int c = 0; c < logits.cols(); c++) {
        p.set(r, c, (float) (Math.exp(logits.get(r, c) - max) / sum));
      }
    }
    return p;
  }

  @Test
  void aModelWhoseContentsContradictItsArchitectureIsRefused() throws Exception {
    Path file = smallModel(smallNetwork(4));
    SafeTensors.Contents good = SafeTensors.read(file);
    String arch = good.metadata().get("architecture");
    refused(
        good,
        c -> c.tensors().remove("dense2.W"),
        "the architecture needs more than the 34 values the file holds (at least 42 by layer"
            + " dense)");
    refused(
        good,
        c -> c.tensors().get("bn1.running_var").values()[2] = -1,
        "tensor 'bn1.running_var' holds -1.0 at index 2; expected variances >= 0");
    refused(good, c -> c.metadata().put("classes", "[\"a\"]"), "1 class names for 2 outputs");
    refused(
        good,
        c -> c.metadata().put("input_scale", "0"),
        "input_scale '0' in the metadata; expected a finite number > 0");
    refused(
        good,
        c -> c.metadata().put("architecture", arch.replace("\"inputs\":3", "\"inputs\":0")),
        "architecture has 0 inputs; expected at least 1");
    refused(
        good,
        c -> c.metadata().put("architecture", arch.replace("\"units\":2", "\"units\":0")),
        "a dense layer of 0 units; expected at least 1");
    refused(
        good,
        c -> c.metadata().put("architecture", arch.substring(0, arch.lastIndexOf(",{")) + "]}"),
        "the architecture ends in a relu layer; expected a dense layer whose outputs are the classes");
    refused(
        good,
        c -> c.metadata().put("architecture", arch.substring(0, arch.indexOf('[') + 1) + "]}"),
        "the architecture ends in no layer");
    refused(
        good,
        c -> {
          c.metadata().put("standardize", "true");
          c.tensors().put("preprocess.mean", new SafeTensors.Tensor(1, 3, new float[3]));
          c.tensors().put("preprocess.std", new SafeTensors.Tensor(1, 3, new float[] {1, 0, 1}));
        },
        "preprocess.std holds 0.0; expected deviations > 0");
  }

  private void refused(
      SafeTensors.Contents good,
      java.util.function.Consumer<SafeTensors.Contents> change,
      String message)
      throws java.io.IOException {
    Map<String, SafeTensors.Tensor> tensors = new java.util.LinkedHashMap<>();
    good.tensors()
        .forEach(
            (k, t) ->
                tensors.put(k, new SafeTensors.Tensor(t.rows(), t.cols(), t.values().clone())));
    SafeTensors.Contents copy =
        new SafeTensors.Contents(tensors, new java.util.LinkedHashMap<>(good.metadata()));
    change.accept(copy);
    Path file = tmp.resolve("damaged.safetensors");
    SafeTensors.write(file, copy.tensors(), copy.metadata());
    assertThatThrownBy(() -> ModelFile.read(file, 1))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageContaining(message);
  }

  /** Raw pixel counts are scaled by the stored input scale, then standardised, then classified. */
  @Test
  void theGoldenModelPredictsFromRawAndFromPreparedRows() {
    ModelFile.Model model = ModelFile.read(goldenModel(), 1);
    Matrix raw = firstDigitsRaw();
    float[] expected =
        Fixtures.floats(Fixtures.load("golden-predictions.json").get("probabilities"));
    ModelFile.Prediction fromRaw = model.predictRaw(raw);
    Fixtures.assertAllClose(
        "golden probabilities from raw rows",
        fromRaw.probabilities().data(),
        expected,
        GOLDEN_RTOL,
        GOLDEN_ATOL);
    Matrix scaled = raw.copy();
    dev.gakushu.tensor.ElementWise.scale(scaled, 1f / 16, scaled);
    ModelFile.Prediction fromPrepared = model.predict(scaled);
    assertThat(fromPrepared.probabilities().data()).containsExactly(fromRaw.probabilities().data());
    for (int r = 0; r < raw.rows(); r++) {
      int best = 0;
      for (int c = 1; c < 10; c++) {
        if (expected[r * 10 + c] > expected[r * 10 + best]) {
          best = c;
        }
      }
      assertThat(fromRaw.classes()[r]).isEqualTo(best);
      assertThat(fromRaw.className(r)).isEqualTo(model.classNames().get(best));
    }
    Matrix narrow = new Matrix(1, 63);
    assertThatThrownBy(() -> model.predict(narrow))
        .hasMessage("the model expects 64 features per row, got 63");
    assertThatThrownBy(() -> model.predictRaw(narrow))
        .hasMessage("the model expects 64 features per row, got 63");
  }

  @Test
  void aWarmStartNamesBothArchitectures() {
    ModelFile.Model golden = ModelFile.read(goldenModel(), 1);
    Network other = Network.builder(64).dense(7).relu().dense(10).build(1);
    assertThatThrownBy(() -> ModelFile.copyWeights(golden, other, goldenModel()))
        .hasMessageContaining("\"units\":7");
  }
}
