package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.DataAccess;
import dev.gakushu.io.ModelFile;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.train.ModelEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run specification through the commands: --config, tune trials, early stopping. */
class RunSpecCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void aConfigFileRepeatsItsRunBitForBit() throws IOException {
    Path a = tmp.resolve("a");
    CliRunner first =
        CliRunner.run(
            "train",
            "--hidden",
            "20,10",
            "--batch-norm",
            "--dropout",
            "0.1",
            "--optimizer",
            "momentum",
            "--momentum",
            "0.8",
            "--weight-decay",
            "1e-4",
            "--schedule",
            "cosine",
            "--epochs",
            "3",
            "--seed",
            "11",
            "--threads",
            "2",
            "--no-progress",
            "--out",
            a.toString());
    assertThat(first.status()).as(first.err()).isZero();
    Path b = tmp.resolve("b");
    CliRunner again =
        CliRunner.run(
            "train",
            "--config",
            a.resolve("config.json").toString(),
            "--threads",
            "1",
            "--no-progress",
            "--out",
            b.toString());
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(SafeTensors.read(b.resolve("model.safetensors")).tensors())
        .usingRecursiveComparison()
        .isEqualTo(SafeTensors.read(a.resolve("model.safetensors")).tensors());

    Path c = tmp.resolve("c");
    CliRunner changed =
        CliRunner.run(
            "train",
            "--config",
            a.resolve("config.json").toString(),
            "--epochs",
            "2",
            "--no-progress",
            "--out",
            c.toString());
    assertThat(changed.status()).as(changed.err()).isZero();
    JsonNode config = JSON.readTree(c.resolve("config.json").toFile());
    assertThat(config.at("/loop/epochs").asInt()).isEqualTo(2);
    assertThat(config.at("/optimizer/momentum").asDouble()).isEqualTo(0.8);
    assertThat(config.at("/network/hidden").toString()).isEqualTo("[20,10]");
    assertThat(Files.readAllLines(c.resolve("metrics.jsonl"))).hasSize(2);
  }

  @Test
  void aBadConfigFileNamesTheFieldAndLeavesNothing() throws IOException {
    Path file = tmp.resolve("config.json");
    CliRunner.run("train", "--epochs", "1", "--no-progress", "--out", tmp.resolve("a").toString());
    Files.writeString(
        file,
        Files.readString(tmp.resolve("a/config.json")).replace("\"epochs\" : 1", "\"epochs\" : 0"));
    Path out = tmp.resolve("never");
    CliRunner r = CliRunner.run("train", "--config", file.toString(), "--out", out.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("gakushu: " + file + ": loop.epochs = 0: expected a whole number >= 1");
    assertThat(out).doesNotExist();
  }

  @Test
  void tuneTrialsAndTheRetrainedBestHaveTheWholeArchitecture() throws IOException {
    Path search = tmp.resolve("search");
    CliRunner r =
        CliRunner.run(
            "tune",
            "--data",
            "digits",
            "--hidden",
            "30,20",
            "--batch-norm",
            "--dropout",
            "0.1",
            "--init",
            "xavier",
            "--retrain-best",
            "--space",
            "lr=log(1e-2,1e-1)",
            "--trials",
            "2",
            "--epochs",
            "2",
            "--out",
            search.toString());
    assertThat(r.status()).as(r.err()).isZero();
    Path best = search.resolve("best");
    assertThat(r.out()).contains("run directory " + best);
    SafeTensors.Contents model = SafeTensors.read(best.resolve("model.safetensors"));
    Map<String, SafeTensors.Tensor> t = model.tensors();
    assertThat(List.of(t.get("dense1.W").rows(), t.get("dense1.W").cols())).containsExactly(64, 30);
    assertThat(List.of(t.get("dense2.W").rows(), t.get("dense2.W").cols())).containsExactly(30, 20);
    assertThat(t).containsKeys("bn1.gamma", "bn1.beta", "bn1.running_mean", "bn2.running_var");
    JsonNode architecture = JSON.readTree(model.metadata().get("architecture"));
    assertThat(architecture.findValuesAsText("type"))
        .containsExactly(
            "dense",
            "batchnorm",
            "relu",
            "dropout",
            "dense",
            "batchnorm",
            "relu",
            "dropout",
            "dense");
    assertThat(architecture.findValue("ratio").asDouble()).isEqualTo(0.1);
    assertThat(best.resolve("metrics.jsonl")).exists();
    JsonNode config = JSON.readTree(best.resolve("config.json").toFile());
    assertThat(config.at("/network/init").asText()).isEqualTo("xavier");
    assertThat(config.at("/data/validation_split").asDouble()).isZero();
    JsonNode journal =
        JSON.readTree(Files.readAllLines(search.resolve("journal.jsonl")).get(0)).get("base");
    assertThat(journal.at("/network/hidden").toString()).isEqualTo("[30,20]");
    assertThat(journal.at("/network/batch_norm/momentum").asDouble()).isEqualTo(0.1);
    JsonNode results = JSON.readTree(search.resolve("results.json").toFile());
    assertThat(results.get("retrained_run").asText()).isEqualTo("best");
    // best/config.json is a normal run specification: train repeats it
    Path again = tmp.resolve("again");
    CliRunner repeat =
        CliRunner.run(
            "train",
            "--config",
            best.resolve("config.json").toString(),
            "--no-progress",
            "--out",
            again.toString());
    assertThat(repeat.status()).as(repeat.err()).isZero();
    assertThat(SafeTensors.read(again.resolve("model.safetensors")).tensors())
        .usingRecursiveComparison()
        .isEqualTo(t);
  }

  @Test
  void tuneRefusesASearchedValueThatCannotApply() {
    CliRunner r =
        CliRunner.run(
            "tune",
            "--hidden",
            "none",
            "--space",
            "hidden=choice(10,20)",
            "--out",
            tmp.resolve("never").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("hidden layers for a searched width to apply to");
    CliRunner adamw =
        CliRunner.run(
            "tune",
            "--optimizer",
            "adam",
            "--space",
            "momentum=uniform(0.5,0.9)",
            "--out",
            tmp.resolve("never").toString());
    assertThat(adamw.status()).isEqualTo(2);
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void earlyStoppingStopsKeepsTheBestWeightsAndSaysWhy() throws IOException {
    Path out = tmp.resolve("early");
    CliRunner r =
        CliRunner.run(
            "train",
            "--epochs",
            "200",
            "--early-stop",
            "3",
            "--lr",
            "0.01",
            "--no-progress",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertThat(lines.size()).isLessThan(200);
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      if (n.get("validation_loss").asDouble() < bestLoss) {
        bestLoss = n.get("validation_loss").asDouble();
        bestEpoch = n.get("epoch").asInt();
      }
    }
    assertThat(lines).hasSize(bestEpoch + 3);
    JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(last.get("stopped").asText())
        .contains("did not improve")
        .contains("at epoch " + bestEpoch);
    assertThat(r.out()).contains("stopped after epoch " + lines.size());
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("best_epoch").asInt()).isEqualTo(bestEpoch);
    // the saved model is the best epoch's: its validation loss is the best one
    ModelFile.Model model = ModelFile.read(out.resolve("model.safetensors"), 1);
    double loss =
        ModelEvaluation.evaluate(
                model, null, null, ModelEvaluation.Part.VALIDATION, DataAccess.standard())
            .report()
            .loss();
    assertThat(loss).isCloseTo(bestLoss, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void theValidationDataIsMeasuredOnTheEpochsScheduled() throws IOException {
    Path out = tmp.resolve("every");
    CliRunner r =
        CliRunner.run(
            "train",
            "--epochs",
            "5",
            "--validate-every",
            "2",
            "--no-progress",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    List<Boolean> measured = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      measured.add(!JSON.readTree(line).get("validation_loss").isNull());
    }
    assertThat(measured).containsExactly(false, true, false, true, true);
    CliRunner bad =
        CliRunner.run("train", "--validate-every", "0", "--out", tmp.resolve("x").toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("'--validate-every': 0 (expected a whole number >= 1)");
  }

  @Test
  void earlyStoppingWithoutValidationDataIsRefused() {
    Path out = tmp.resolve("never");
    CliRunner r =
        CliRunner.run(
            "train", "--early-stop", "2", "--validation-split", "0", "--out", out.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "'--early-stop': 2 (expected validation data to monitor (--validation-split > 0))");
    assertThat(out).doesNotExist();
  }

  @Test
  void evaluateNeverFollowsAPathStoredInAModel() throws IOException {
    Path csv = tmp.resolve("digits.csv");
    StringBuilder text = new StringBuilder();
    dev.gakushu.data.Dataset d = dev.gakushu.data.EmbeddedDigits.load();
    for (int r = 0; r < d.size(); r++) {
      for (int c = 0; c < d.featureCount(); c++) {
        text.append(d.features().get(r, c)).append(',');
      }
      text.append(d.labels()[r]).append('\n');
    }
    Files.writeString(csv, text);
    Path out = tmp.resolve("csvrun");
    CliRunner train =
        CliRunner.run("train", "--data", csv.toString(), "--epochs", "1", "--out", out.toString());
    assertThat(train.status()).as(train.err()).isZero();
    CliRunner evaluate =
        CliRunner.run(
            "evaluate",
            "--model",
            out.resolve("model.safetensors").toString(),
            "--out",
            tmp.resolve("e").toString());
    assertThat(evaluate.status()).isEqualTo(2);
    assertThat(evaluate.err()).contains("not a data set this library knows by name");
    CliRunner given =
        CliRunner.run(
            "evaluate",
            "--model",
            out.resolve("model.safetensors").toString(),
            "--data",
            csv.toString(),
            "--out",
            tmp.resolve("e2").toString());
    assertThat(given.status()).as(given.err()).isZero();
  }
}
