package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;

  private static Path run;

  @BeforeAll
  static void trainOnce() {
    run = tmp.resolve("trained");
    CliRunner r =
        CliRunner.run(
            "train", "--epochs", "8", "--hidden", "50", "--batch-norm", "--out", run.toString());
    assertThat(r.status()).as(r.err()).isZero();
  }

  private static Path rawDigits(int rows, boolean header) throws IOException {
    StringBuilder csv = new StringBuilder();
    if (header) {
      for (int c = 0; c < 64; c++) {
        csv.append(c == 0 ? "" : ",").append("p").append(c);
      }
      csv.append('\n');
    }
    var digits = dev.gakushu.data.EmbeddedDigits.load();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < 64; c++) {
        csv.append(c == 0 ? "" : ",").append(Math.round(digits.features().get(r, c) * 16));
      }
      csv.append('\n');
    }
    return Files.writeString(tmp.resolve("raw-" + rows + header + ".csv"), csv.toString());
  }

  @Test
  void trainWritesAModelAndACheckpoint() {
    assertThat(run.resolve("model.safetensors")).isRegularFile();
    assertThat(run.resolve("checkpoint.safetensors")).isRegularFile();
  }

  @Test
  void evaluateReportsTheTestAccuracyThatTrainingReported() throws IOException {
    Path out = tmp.resolve("evaluation");
    CliRunner r =
        CliRunner.run(
            "evaluate",
            "--model",
            run.resolve("model.safetensors").toString(),
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode evaluation = JSON.readTree(out.resolve("evaluation.json").toFile());
    JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
    assertThat(evaluation.get("accuracy").asDouble())
        .isEqualTo(summary.get("test_accuracy").asDouble());
    assertThat(evaluation.get("rows").asInt()).isEqualTo(359);
    assertThat(evaluation.get("per_class")).hasSize(10);
    assertThat(evaluation.get("confusion")).hasSize(10);
    assertThat(r.out())
        .contains("precision")
        .contains("f1-score")
        .contains("weighted avg")
        .contains("confusion matrix");
    assertThat(evaluation.get("per_class").get(0).get("support").asLong()).isPositive();
    assertThat(evaluation.get("macro_avg").get("f1").asDouble()).isBetween(0.0, 1.0);
    assertThat(javax.imageio.ImageIO.read(out.resolve("confusion.png").toFile()).getWidth())
        .isPositive();
  }

  /** --input - reads the same rows from standard input and prints the same predictions. */
  @Test
  void predictReadsStandardInput() throws IOException {
    Path rows = rawDigits(4, true);
    String model = run.resolve("model.safetensors").toString();
    CliRunner fromFile = CliRunner.run("predict", "--model", model, "--input", rows.toString());
    assertThat(fromFile.status()).as(fromFile.err()).isZero();
    CliRunner fromStdin =
        withStdin(Files.readString(rows), "predict", "--model", model, "--input", "-");
    assertThat(fromStdin.status()).as(fromStdin.err()).isZero();
    assertThat(fromStdin.out()).isEqualTo(fromFile.out());

    CliRunner bad = withStdin("1,2,3\n4,5,x\n", "predict", "--model", model, "--input", "-");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err().strip().lines()).as(bad.err()).hasSize(1);
    assertThat(bad.err()).contains("--input - (standard input)").contains("'x' is not a number");
  }

  private static CliRunner withStdin(String text, String... args) {
    java.io.InputStream stdin = System.in;
    System.setIn(
        new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return CliRunner.run(args);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void predictGivesAClassAndProbabilitiesPerRow() throws IOException {
    CliRunner csv =
        CliRunner.run(
            "predict",
            "--model",
            run.resolve("model.safetensors").toString(),
            "--input",
            rawDigits(10, true).toString());
    assertThat(csv.status()).as(csv.err()).isZero();
    String[] lines = csv.out().split("\n");
    assertThat(lines).hasSize(11);
    assertThat(lines[0]).startsWith("row,class,p_0,p_1");
    // the first ten digits are 0 1 2 3 4 5 6 7 8 9; a trained model gets most of them
    long right =
        java.util.stream.IntStream.range(1, 11)
            .filter(i -> lines[i].split(",", -1)[1].equals(String.valueOf(i - 1)))
            .count();
    assertThat(right).isGreaterThanOrEqualTo(8);

    Path output = tmp.resolve("predictions.json");
    CliRunner json =
        CliRunner.run(
            "predict",
            "--model",
            run.resolve("model.safetensors").toString(),
            "--input",
            rawDigits(3, false).toString(),
            "--format",
            "json",
            "--output",
            output.toString());
    assertThat(json.status()).as(json.err()).isZero();
    JsonNode rows = JSON.readTree(output.toFile());
    assertThat(rows).hasSize(3);
    double sum = 0;
    for (JsonNode p : rows.get(0).get("probabilities")) {
      sum += p.asDouble();
    }
    assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void initFromStartsWhereTheSavedModelEnded() throws IOException {
    Path out = tmp.resolve("warm");
    CliRunner r =
        CliRunner.run(
            "train",
            "--epochs",
            "1",
            "--hidden",
            "50",
            "--batch-norm",
            "--lr",
            "1e-9",
            "--init-from",
            run.resolve("model.safetensors").toString(),
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    double before =
        JSON.readTree(run.resolve("summary.json").toFile()).get("test_accuracy").asDouble();
    double after =
        JSON.readTree(out.resolve("summary.json").toFile()).get("test_accuracy").asDouble();
    assertThat(after).isCloseTo(before, org.assertj.core.data.Offset.offset(0.02));
    CliRunner mismatch =
        CliRunner.run(
            "train",
            "--hidden",
            "7",
            "--init-from",
            run.resolve("model.safetensors").toString(),
            "--out",
            tmp.resolve("never").toString());
    assertThat(mismatch.status()).isEqualTo(2);
    assertThat(mismatch.err()).contains("differs from this run's");
  }

  @Test
  void aDamagedModelIsOneLineAndExitTwo() throws IOException {
    Path damaged = Files.write(tmp.resolve("damaged.safetensors"), new byte[] {1, 2, 3});
    CliRunner r =
        CliRunner.run(
            "predict", "--model", damaged.toString(), "--input", rawDigits(1, false).toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "gakushu: " + damaged + ": is 3 bytes long, too short for the 8-byte header length");
    Path wide = Files.writeString(tmp.resolve("wide.csv"), "1,2,3\n");
    CliRunner cols =
        CliRunner.run(
            "predict",
            "--model",
            run.resolve("model.safetensors").toString(),
            "--input",
            wide.toString());
    assertThat(cols.status()).isEqualTo(2);
    assertThat(cols.err()).contains("3 columns, expected the model's 64 features");
  }

  @Test
  void aDivergingRunStopsWithStatusThreeAndKeepsItsLastCheckpoint() {
    Path out = tmp.resolve("diverged");
    CliRunner r =
        CliRunner.run(
            "train",
            "--optimizer",
            "sgd",
            "--lr",
            "1e30",
            "--init",
            "normal",
            "--init-std",
            "10",
            "--epochs",
            "3",
            "--out",
            out.toString());
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.err())
        .contains("the training loss became")
        .contains("learning rate is probably too high");
    assertThat(out.resolve("config.json")).exists();
  }

  @Test
  void resumingADirectoryWithoutACheckpointIsBadInput() {
    CliRunner r = CliRunner.run("train", "--resume", tmp.resolve("nothing").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--resume");
  }
}
