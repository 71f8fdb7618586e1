package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.Conventions;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Standardizer;
import dev.gakushu.init.Initializer;
import dev.gakushu.io.ModelFile;
import dev.gakushu.nn.Activation;
import dev.gakushu.nn.BatchNorm;
import dev.gakushu.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code export --format onnx}: the exported model, run in ONNX Runtime, gives the probabilities
 * that {@code predict} prints for the same raw rows.
 */
class ExportCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int INPUTS = 64;
  private static final List<String> CLASSES =
      List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker");

  /** Probabilities agree to this, relative to each probability (see {@link #assertAgree}). */
  private static final double TOLERANCE = 1e-5;

  @TempDir Path tmp;

  static Stream<Arguments> networks() {
    List<Arguments> cases = new ArrayList<>();
    for (Activation activation : Activation.values()) {
      for (boolean batchNorm : new boolean[] {false, true}) {
        for (boolean standardize : new boolean[] {false, true}) {
          cases.add(Arguments.of(activation, batchNorm, standardize, 0.0, Conventions.PYTORCH));
        }
      }
    }
    cases.add(Arguments.of(Activation.RELU, true, true, 0.3, Conventions.PYTORCH));
    cases.add(Arguments.of(Activation.TANH, true, true, 0.3, Conventions.BOOK));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, batch norm {1}, standardise {2}, dropout {3} ({4})")
  @MethodSource("networks")
  void onnxRuntimeReproducesPredict(
      Activation activation,
      boolean batchNorm,
      boolean standardize,
      double dropout,
      Conventions conventions)
      throws Exception {
    Network network = network(activation, batchNorm, dropout, conventions);
    Standardizer standardizer = standardize ? randomStandardizer() : null;
    Path model = tmp.resolve("model.safetensors");
    ModelFile.write(model, new ModelFile.Model(network, standardizer, CLASSES, 1 / 16.0, null));

    Path onnx = export(model);
    float[][] rows = rawDigits(60);
    OnnxRuntime ort = OnnxRuntime.run(onnx, rows);

    assertAgree(ort.probabilities(), predict(model, rows));
    assertThat(ort.inputs()).containsOnlyKeys("input");
    assertThat(ort.inputs().get("input")).containsExactly(-1, INPUTS);
    assertThat(ort.outputs()).containsOnlyKeys("probabilities");
    assertThat(ort.outputs().get("probabilities")).containsExactly(-1, CLASSES.size());
    assertThat(JSON.readValue(ort.metadata().get("classes"), String[].class))
        .containsExactlyElementsOf(CLASSES);
  }

  @Test
  void aTrainedModelItsCheckpointAndATunedBestModelExportAlike() throws Exception {
    Path run = tmp.resolve("run");
    CliRunner train =
        CliRunner.run(
            "train",
            "--epochs",
            "3",
            "--hidden",
            "40,30",
            "--batch-norm",
            "--dropout",
            "0.2",
            "--out",
            run.toString());
    assertThat(train.status()).as(train.err()).isZero();
    float[][] rows = rawDigits(200);
    for (String file : List.of("model.safetensors", "checkpoint.safetensors")) {
      Path model = run.resolve(file);
      assertAgree(OnnxRuntime.run(export(model), rows).probabilities(), predict(model, rows));
    }

    Path search = tmp.resolve("search");
    CliRunner tune =
        CliRunner.run(
            "tune",
            "--space",
            "lr=log(1e-3,1e-1)",
            "--trials",
            "2",
            "--epochs",
            "2",
            "--hidden",
            "20",
            "--retrain-best",
            "--out",
            search.toString());
    assertThat(tune.status()).as(tune.err()).isZero();
    Path best = search.resolve(TuneCommand.BEST).resolve("model.safetensors");
    assertThat(tune.out()).contains(search.resolve(TuneCommand.BEST).toString());
    // the saved best model is the one tune tested: evaluate finds its test accuracy again
    Path evaluation = tmp.resolve("evaluation");
    CliRunner evaluate =
        CliRunner.run("evaluate", "--model", best.toString(), "--out", evaluation.toString());
    assertThat(evaluate.status()).as(evaluate.err()).isZero();
    assertThat(JSON.readTree(evaluation.resolve("evaluation.json").toFile()).get("accuracy"))
        .isEqualTo(
            JSON.readTree(search.resolve("results.json").toFile()).get("retrained_test_accuracy"));
    assertAgree(OnnxRuntime.run(export(best), rows).probabilities(), predict(best, rows));
  }

  @Test
  void badInputIsOneLineExitTwoAndWritesNothing() throws IOException {
    Path model = tmp.resolve("model.safetensors");
    ModelFile.write(
        model,
        new ModelFile.Model(
            network(Activation.RELU, false, 0, Conventions.PYTORCH), null, CLASSES, 1.0, null));
    Path keep = Files.writeString(tmp.resolve("keep.onnx"), "an older export");

    assertBad(
        "Invalid value for option '--format': 'tflite' (expected onnx)",
        "export",
        "--model",
        model.toString(),
        "--format",
        "tflite",
        "--out",
        keep.toString());
    Path garbage = Files.write(tmp.resolve("garbage.safetensors"), new byte[] {1, 2, 3});
    assertBad(
        garbage + ": is 3 bytes long, too short for the 8-byte header length",
        "export",
        "--model",
        garbage.toString(),
        "--out",
        keep.toString());
    Path missingDirectory = tmp.resolve("no-such-dir").resolve("m.onnx");
    assertBad(
        "Invalid value for option '--out': "
            + missingDirectory
            + " (expected a file in an existing directory)",
        "export",
        "--model",
        model.toString(),
        "--out",
        missingDirectory.toString());
    assertBad(
        "Invalid value for option '--out': " + tmp + " (expected a file in an existing directory)",
        "export",
        "--model",
        model.toString(),
        "--out",
        tmp.toString());
    Path underAFile = keep.resolve("m.onnx");
    assertBad(
        "Invalid value for option '--out': " + underAFile,
        "export",
        "--model",
        model.toString(),
        "--out",
        underAFile.toString());

    assertBad(
        "Invalid value for option '--out': "
            + model
            + " (expected a file other than the --model it would replace)",
        "export",
        "--model",
        model.toString(),
        "--out",
        model.toString());
    // a name of 245 bytes is allowed, but its temporary file's name (".NAME.<16 hex digits>.tmp",
    // 267 bytes) is not: the write itself fails
    Path blocked = tmp.resolve("b".repeat(240) + ".onnx");
    assertBad(
        "cannot write "
            + blocked
            + " (FileSystemException: "
            + tmp.resolve("." + blocked.getFileName()),
        "export",
        "--model",
        model.toString(),
        "--out",
        blocked.toString());

    assertThat(Files.readString(keep)).isEqualTo("an older export");
    assertThat(ModelFile.read(model, 1).classNames()).isEqualTo(CLASSES);
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("model.safetensors", "garbage.safetensors", "keep.onnx");
    }
  }

  @Test
  void predictAndEvaluateRefuseAnOnnxFileAndSayWhatToUse() throws IOException {
    Path model = tmp.resolve("model.safetensors");
    ModelFile.write(
        model,
        new ModelFile.Model(
            network(Activation.RELU, false, 0, Conventions.PYTORCH), null, CLASSES, 1.0, null));
    Path onnx = export(model);
    // the same bytes under a name that does not say ONNX
    Path renamed = Files.copy(onnx, tmp.resolve("renamed.bin"));
    Path rows = Files.writeString(tmp.resolve("rows.csv"), "0" + ",0".repeat(63) + "\n");
    for (Path file : List.of(onnx, renamed)) {
      for (String[] args :
          List.of(
              new String[] {"predict", "--model", file.toString(), "--input", rows.toString()},
              new String[] {"evaluate", "--model", file.toString()},
              new String[] {"export", "--model", file.toString(), "--out", "x.onnx"})) {
        CliRunner r = CliRunner.run(args);
        assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.err().strip())
            .isEqualTo(
                "gakushu: Invalid value for option '--model': "
                    + file
                    + " (expected a model.safetensors written by train, not an ONNX file: give the"
                    + " model it was exported from, or run the ONNX file in ONNX Runtime)");
      }
    }
    assertThat(Path.of("x.onnx")).doesNotExist();
  }

  private static void assertBad(String message, String... args) {
    CliRunner r = CliRunner.run(args);
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("gakushu: " + message);
  }

  private Path export(Path model) {
    Path out = model.resolveSibling(model.getFileName() + ".onnx");
    CliRunner r = CliRunner.run("export", "--model", model.toString(), "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("wrote " + out);
    return out;
  }

  /** {@code predict --format json}'s probabilities, as written (Jackson writes floats exactly). */
  private float[][] predict(Path model, float[][] rows) throws IOException {
    StringBuilder csv = new StringBuilder();
    for (float[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        csv.append(c == 0 ? "" : ",").append(row[c]);
      }
      csv.append('\n');
    }
    Path input = Files.writeString(tmp.resolve("rows.csv"), csv);
    CliRunner r =
        CliRunner.run(
            "predict",
            "--model",
            model.toString(),
            "--input",
            input.toString(),
            "--format",
            "json");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode json = JSON.readTree(r.out());
    float[][] p = new float[json.size()][];
    for (int i = 0; i < p.length; i++) {
      JsonNode probabilities = json.get(i).get("probabilities");
      p[i] = new float[probabilities.size()];
      int c = 0;
      for (JsonNode probability : probabilities) { // in the order of the classes
        p[i][c++] = probability.floatValue();
      }
    }
    return p;
  }

  /**
   * Every probability agrees to {@link #TOLERANCE} relative to itself, or for one below 1e-30
   * (where float32 loses precision and a relative error means nothing) to 1e-35 absolute.
   */
  private static void assertAgree(float[][] onnx, float[][] predicted) {
    assertThat(onnx.length).isEqualTo(predicted.length);
    double worst = 0;
    for (int r = 0; r < onnx.length; r++) {
      assertThat(onnx[r]).hasSameSizeAs(predicted[r]);
      for (int c = 0; c < onnx[r].length; c++) {
        double expected = predicted[r][c];
        double allowed = Math.max(TOLERANCE * Math.abs(expected), 1e-35);
        assertThat((double) onnx[r][c])
            .as("row %d, class %d", r, c)
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(allowed));
        if (expected > 1e-30) {
          worst = Math.max(worst, Math.abs(onnx[r][c] - expected) / expected);
        }
      }
    }
    System.out.printf("ONNX Runtime against predict: largest relative difference %.2e%n", worst);
  }

  /** 64 → 24 → 16 → classes, random weights and BatchNorm statistics. */
  private static Network network(
      Activation activation, boolean batchNorm, double dropout, Conventions conventions) {
    Network.Builder b = Network.builder(INPUTS).conventions(conventions).init(Initializer.he());
    for (int units : new int[] {24, 16}) {
      b.dense(units);
      if (batchNorm) {
        b.batchNorm();
      }
      b.activation(activation);
      if (dropout > 0) {
        b.dropout(dropout);
      }
    }
    Network network = b.dense(CLASSES.size()).build(7);
    SplittableRandom random = new SplittableRandom(11);
    for (BatchNorm bn : network.batchNorms()) {
      fill(bn.gamma().value().data(), random, 0.5, 1.5);
      fill(bn.beta().value().data(), random, -0.5, 0.5);
      fill(bn.runningMean().data(), random, -1, 1);
      fill(bn.runningVariance().data(), random, 0.2, 3);
    }
    return network;
  }

  private static Standardizer randomStandardizer() {
    SplittableRandom random = new SplittableRandom(5);
    float[] mean = new float[INPUTS];
    float[] std = new float[INPUTS];
    fill(mean, random, 0, 0.6);
    fill(std, random, 0.2, 0.5);
    return Standardizer.of(mean, std);
  }

  private static void fill(float[] values, SplittableRandom random, double from, double to) {
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(from, to);
    }
  }

  /** The first rows of the digits as their file holds them: pixel counts 0..16. */
  private static float[][] rawDigits(int count) {
    var digits = EmbeddedDigits.load();
    float[][] rows = new float[count][INPUTS];
    for (int r = 0; r < count; r++) {
      for (int c = 0; c < INPUTS; c++) {
        rows[r][c] = Math.round(digits.features().get(r, c) * 16);
      }
    }
    return rows;
  }
}
