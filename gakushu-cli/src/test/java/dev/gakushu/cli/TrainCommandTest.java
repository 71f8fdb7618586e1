package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.io.ModelFile;
import dev.gakushu.nn.Network;
import dev.gakushu.tensor.KernelChoice;
import dev.gakushu.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void theDefaultRunReachesTheDocumentedAccuracyAndWritesItsFiles() throws IOException {
    Path out = tmp.resolve("run");
    CliRunner r = CliRunner.run("train", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("epoch 30/30")
        .contains("test accuracy")
        .contains("run directory: " + out);
    assertThat(javax.imageio.ImageIO.read(out.resolve("curves.png").toFile()).getWidth())
        .isEqualTo(1040);

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.95);
    assertThat(summary.get("test_rows").asInt()).isEqualTo(359);
    assertThat(summary.get("samples_per_second").asDouble()).isPositive();
    assertThat(out.resolve("report.html"))
        .content()
        .contains("curves.png")
        .containsPattern(
            String.format(
                java.util.Locale.ROOT,
                "<p class=\"lead\"><strong>Test accuracy %.1f %%</strong> \\(loss [0-9.]+, 359 test"
                    + " rows\\) &middot; trained in [^(]+ \\(30 epochs, [0-9,]+ samples/s\\)</p>",
                100 * summary.get("test_accuracy").asDouble()))
        .doesNotContain("trained in 0.00 s");

    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertThat(config.get("seed").asLong()).isEqualTo(42);
    assertThat(summary.get("gakushu_version").asText()).isNotBlank().isNotEqualTo("unknown");
    assertThat(summary.get("network").asText())
        .isEqualTo("dense(64->100) relu dense(100->100) relu dense(100->10)");
    assertThat(config.at("/network/init").asText()).isEqualTo("he");
    assertThat(config.at("/optimizer/name").asText()).isEqualTo("adam");
    assertThat(config.at("/optimizer/lr").asDouble()).isEqualTo(1e-3);
    assertThat(summary.get("optimizer").asText())
        .startsWith("adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8");

    List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertThat(metrics).hasSize(30);
    JsonNode last = JSON.readTree(metrics.get(29));
    assertThat(last.get("epoch").asInt()).isEqualTo(30);
    assertThat(last.get("step").asLong()).isEqualTo(30L * 34); // 1079 rows in batches of 32
    assertThat(last.get("validation_accuracy").asDouble()).isGreaterThan(0.9);
    assertThat(last.fieldNames())
        .toIterable()
        .containsExactly(
            "epoch",
            "step",
            "lr",
            "train_loss",
            "weight_penalty",
            "l1_penalty",
            "train_accuracy",
            "validation_loss",
            "validation_accuracy",
            "seconds");
  }

  /**
   * The same seed gives the same metrics and the same weights on 1, 2 and 3 threads, with every
   * optimizer, BatchNorm and dropout. The network (64-200-200-10) and the batch (100) make every
   * matrix product of a step at least 100·200·10 = 200,000 multiply-adds (the first layer's
   * 1,280,000), above the 2¹⁷ = 131,072 from which {@code Gemm} splits a product among threads, so
   * the threads really share the work.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"})
  void sameSeedSameMetricsAndWeightsOnOneTwoOrThreeThreads(String optimizer) throws IOException {
    String[] common = {
      "train",
      "--epochs",
      "2",
      "--hidden",
      "200,200",
      "--batch-size",
      "100",
      "--batch-norm",
      "--dropout",
      "0.2",
      "--optimizer",
      optimizer,
      "--no-progress"
    };
    List<String> metrics = null;
    Network weights = null;
    for (int threads = 1; threads <= 3; threads++) {
      Path out = tmp.resolve(optimizer + threads);
      CliRunner r =
          CliRunner.run(concat(common, "--threads", "" + threads, "--out", out.toString()));
      assertThat(r.status()).as(r.err()).isZero();
      Network trained = ModelFile.read(out.resolve(TrainingRun.MODEL), 1).network();
      if (threads == 1) {
        metrics = withoutSeconds(out);
        weights = trained;
        assertThat(metrics).hasSize(2);
        continue;
      }
      assertThat(withoutSeconds(out)).as("%d threads", threads).isEqualTo(metrics);
      for (int i = 0; i < weights.params().size(); i++) {
        assertThat(trained.params().get(i).value().data())
            .as("%s on %d threads", weights.params().get(i).name(), threads)
            .containsExactly(weights.params().get(i).value().data());
      }
    }
  }

  private static List<String> withoutSeconds(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(line -> line.replaceAll(",\"seconds\":[^}]*", ""))
        .toList();
  }

  @Test
  void withoutValidationDataTheValidationFiguresAreNull() throws IOException {
    Path out = tmp.resolve("noval");
    CliRunner r =
        CliRunner.run("train", "--epochs", "1", "--validation-split", "0", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode line = JSON.readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
    assertThat(line.get("validation_accuracy").isNull()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--hidden|100,,x|'--hidden': '100,,x' (expected whole numbers >= 1",
        "--lr|-1|'--lr': -1.0 (expected a finite number > 0)",
        "--lr|abc|'--lr': 'abc' (expected a number > 0, or auto)",
        "--batch-size|0|'--batch-size': 0 (expected a whole number >= 1)",
        "--epochs|0|'--epochs': 0 (expected a whole number >= 1)",
        "--init|kaiming|'--init': 'kaiming' (expected one of zeros, normal, xavier",
        "--activation|swish|'--activation': 'swish' (expected one of relu, sigmoid, tanh)",
        "--init-std|-0.5|'--init-std': -0.5 (expected a finite number >= 0)",
        "--validation-split|1.5|'--validation-split': 1.5 (expected a share in [0, 1))",
        "--threads|0|'--threads': 0 (expected a whole number >= 1)",
        "--optimizer|adagrad9|'--optimizer': 'adagrad9' (expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw)",
        "--beta1|1.5|'--beta1': 1.5 (expected a number in [0, 1))",
        "--eps|0|'--eps': 0.0 (expected a finite number > 0)",
        "--weight-decay|-1|'--weight-decay': -1.0 (expected a finite number >= 0)",
        "--l1|-1e-4|'--l1': -1.0E-4 (expected a finite number >= 0)",
        "--l1|NaN|'--l1': NaN (expected a finite number >= 0)",
        "--max-norm|-3|'--max-norm': -3.0 (expected a finite number >= 0)",
        "--conventions|keras|'--conventions': 'keras' (expected pytorch or book)",
        "--schedule|linear|'--schedule': 'linear' (expected one of constant, step, exponential, cosine)",
        "--gamma|0.5|'--gamma': 0.5 (expected no --gamma with --schedule constant",
        "--clip-norm|0|'--clip-norm': 0.0 (expected a finite number > 0)",
        "--dropout|1|'--dropout': 1.0 (expected a drop probability in [0, 1))",
        "--bn-eps|1e-3|'--bn-eps': 0.001 (expected --batch-norm as well)",
        "--data|nowhere|data 'nowhere': no such data set, file or folder; expected digits, mnist, fashion-mnist",
        "--bogus|1|Unknown options: '--bogus'",
      })
  void badInputGetsOneLineExitTwoAndNoRunDirectory(String option, String value, String expected) {
    Path out = tmp.resolve("never");
    CliRunner r = CliRunner.run("train", option, value, "--out", out.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(expected);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void aSettingThatTheOptimizerDoesNotUseIsRefused() {
    CliRunner r =
        CliRunner.run(
            "train", "--optimizer", "sgd", "--beta1", "0.8", "--out", tmp.resolve("x").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "'--beta1': 0.8 (expected no beta1 with optimizer sgd; it applies to adam, adamw)");
  }

  @Test
  void theLearningRateFollowsTheSchedule() throws IOException {
    Path out = tmp.resolve("step");
    CliRunner r =
        CliRunner.run(
            "train",
            "--optimizer",
            "momentum",
            "--lr",
            "0.05",
            "--schedule",
            "step",
            "--step-size",
            "2",
            "--gamma",
            "0.5",
            "--epochs",
            "4",
            "--hidden",
            "20",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(
            Files.readAllLines(out.resolve("metrics.jsonl")).stream()
                .map(line -> readTree(line).get("lr").asDouble())
                .toList())
        .containsExactly(0.05, 0.05, 0.025, 0.025);

    Path perStep = tmp.resolve("per-step");
    r =
        CliRunner.run(
            "train",
            "--optimizer",
            "sgd",
            "--lr",
            "0.1",
            "--schedule",
            "exponential",
            "--gamma",
            "0.99",
            "--schedule-unit",
            "step",
            "--epochs",
            "2",
            "--hidden",
            "20",
            "--out",
            perStep.toString());
    assertThat(r.status()).as(r.err()).isZero();
    // the last step of epoch 1 is step index 33 (34 batches per epoch)
    assertThat(
            readTree(Files.readAllLines(perStep.resolve("metrics.jsonl")).get(0))
                .get("lr")
                .asDouble())
        .isCloseTo(0.1 * Math.pow(0.99, 33), org.assertj.core.data.Offset.offset(1e-12));
  }

  /**
   * Each optimizer, under each convention, learns: the test loss ends below half of ln 10, the loss
   * of a network that knows nothing.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "sgd,pytorch", "sgd,book", "momentum,pytorch", "momentum,book", "nesterov,pytorch",
    "nesterov,book", "adagrad,pytorch", "adagrad,book", "rmsprop,pytorch", "rmsprop,book",
    "adam,pytorch", "adam,book", "adamw,pytorch", "adamw,book"
  })
  void everyOptimizerLearnsUnderBothConventions(String optimizer, String conventions)
      throws IOException {
    Path out = tmp.resolve(optimizer + "-" + conventions);
    CliRunner r =
        CliRunner.run(
            "train",
            "--optimizer",
            optimizer,
            "--conventions",
            conventions,
            "--epochs",
            "10",
            "--hidden",
            "20",
            "--clip-norm",
            "5",
            "--no-progress",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("test_loss").asDouble()).isLessThan(0.5 * Math.log(10));
    List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertThat(readTree(metrics.get(9)).get("train_loss").asDouble())
        .as("last epoch's training loss against the first's")
        .isLessThan(readTree(metrics.get(0)).get("train_loss").asDouble());
  }

  private static JsonNode readTree(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void batchNormDropoutAndWeightDecayTrainToTheDocumentedAccuracy() throws IOException {
    Path out = tmp.resolve("regularised");
    CliRunner r =
        CliRunner.run(
            "train",
            "--batch-norm",
            "--dropout",
            "0.2",
            "--weight-decay",
            "1e-4",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "dense(64->100) batchnorm(100) relu dropout(0.2) dense(100->100) batchnorm(100) relu "
                + "dropout(0.2) dense(100->10)");
    assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("test_accuracy").asDouble())
        .isGreaterThanOrEqualTo(0.95);
    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertThat(config.at("/network/batch_norm/momentum").asDouble()).isEqualTo(0.1);
    assertThat(config.at("/regularization/weight_decay").asDouble()).isEqualTo(1e-4);
    JsonNode first = readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
    assertThat(first.get("weight_penalty").asDouble()).isPositive();
  }

  @Test
  void theBookConventionsChangeBatchNormAndDropout() throws IOException {
    Path out = tmp.resolve("book");
    CliRunner r =
        CliRunner.run(
            "train",
            "--conventions",
            "book",
            "--optimizer",
            "sgd",
            "--batch-norm",
            "--dropout",
            "0.2",
            "--epochs",
            "2",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertThat(config.get("conventions").asText()).isEqualTo("book");
    assertThat(config.at("/optimizer/lr").asDouble()).isEqualTo(0.01);
    assertThat(config.at("/network/batch_norm/epsilon").asDouble()).isEqualTo(1e-6);
  }

  @Test
  void initNormalNeedsItsStd() {
    CliRunner r = CliRunner.run("train", "--init", "normal", "--out", tmp.resolve("x").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--init-std");
  }

  @Test
  void aNonEmptyOutputFolderIsNeverOverwritten() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(out.resolve("keep.txt"), "precious");
    CliRunner r = CliRunner.run("train", "--epochs", "1", "--out", out.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("not empty");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("keep.txt");
    }
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    CliRunner r = CliRunner.run("train", "--help");
    assertThat(r.status()).isZero();
    for (String option :
        List.of(
            "--data",
            "--validation-split",
            "--test-split",
            "--no-standardize",
            "--hidden",
            "--activation",
            "--init",
            "--init-std",
            "--optimizer",
            "--lr",
            "--epochs",
            "--batch-size",
            "--no-shuffle",
            "--sampling",
            "--seed",
            "--threads",
            "--out",
            "--batch-norm",
            "--dropout",
            "--bn-momentum",
            "--bn-eps")) {
      assertThat(r.out()).contains(option);
    }
    assertThat(r.out())
        .contains("default: 100,100")
        .contains("default: 42")
        .contains("default: adam");
    for (String option :
        List.of(
            "--momentum",
            "--beta1",
            "--beta2",
            "--eps",
            "--rho",
            "--weight-decay",
            "--amsgrad",
            "--conventions",
            "--schedule",
            "--schedule-unit",
            "--warmup",
            "--step-size",
            "--gamma",
            "--min-lr",
            "--clip-norm")) {
      assertThat(r.out()).contains(option);
    }
  }

  @Test
  void topLevelHelpAndVersion() {
    assertThat(CliRunner.run("--help").out()).contains("train").contains("gradcheck");
    assertThat(CliRunner.run("--version").out())
        .startsWith("gakushu ")
        .contains("kernels: " + KernelChoice.current().description());
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void l1AndMaxNormReachTheConfigTheMetricsAndTheSavedWeights() throws IOException {
    Path out = tmp.resolve("regularized");
    double bound = 0.8;
    CliRunner r =
        CliRunner.run(
            "train",
            "--epochs",
            "3",
            "--hidden",
            "40",
            "--optimizer",
            "sgd",
            "--lr",
            "0.5",
            "--weight-decay",
            "1e-4",
            "--l1",
            "1e-3",
            "--max-norm",
            String.valueOf(bound),
            "--no-progress",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
    assertThat(config.at("/regularization/l1").asDouble()).isEqualTo(1e-3);
    assertThat(config.at("/regularization/max_norm").asDouble()).isEqualTo(bound);
    JsonNode first = readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
    assertThat(first.get("l1_penalty").asDouble()).isPositive();
    assertThat(first.get("weight_penalty").asDouble()).isPositive();
    dev.gakushu.io.ModelFile.Model model =
        dev.gakushu.io.ModelFile.read(out.resolve("model.safetensors"), 1);
    assertThat(model.spec().regularization())
        .isEqualTo(new dev.gakushu.spec.Regularization(1e-4, 1e-3, bound));
    int columnsAtTheBound = 0;
    for (dev.gakushu.nn.Param p : model.network().params()) {
      if (p.role() != dev.gakushu.nn.Param.Role.WEIGHT) {
        continue;
      }
      dev.gakushu.tensor.Matrix w = p.value();
      for (int j = 0; j < w.cols(); j++) {
        double sum = 0;
        for (int i = 0; i < w.rows(); i++) {
          sum += (double) w.get(i, j) * w.get(i, j);
        }
        double norm = Math.sqrt(sum);
        assertThat(norm).as("%s column %d", p.name(), j).isLessThanOrEqualTo(bound + 1e-5);
        if (norm > bound - 1e-3) {
          columnsAtTheBound++;
        }
      }
    }
    // He-initialised columns of 64 inputs start near norm √2 > 0.8: the bound was active
    assertThat(columnsAtTheBound).isPositive();
  }
}
