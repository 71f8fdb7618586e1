package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --config} with a file written by hand: a partial file trains as the same options
 * would, options override it, and every refusal names what the user typed — the option, or the file
 * and the field's path in it.
 */
class HandWrittenConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private Path file(String name, String json) throws IOException {
    return Files.writeString(tmp.resolve(name), json);
  }

  private CliRunner train(Path out, String... args) {
    List<String> all = new ArrayList<>(List.of("train"));
    all.addAll(List.of(args));
    all.addAll(List.of("--threads", "2", "--no-progress", "--out", out.toString()));
    return CliRunner.run(all.toArray(String[]::new));
  }

  @Test
  void aPartialFileTrainsBitForBitAsTheSameOptions() throws IOException {
    Path config =
        file(
            "partial.json",
            "{\"network\": {\"hidden\": [16], \"batch_norm\": {}}, \"optimizer\": {\"lr\": 0.01},"
                + " \"loop\": {\"epochs\": 2, \"batch_size\": 64}, \"conventions\": \"book\","
                + " \"seed\": 5}");
    Path fromFile = tmp.resolve("file");
    CliRunner a = train(fromFile, "--config", config.toString());
    assertThat(a.status()).as(a.err()).isZero();
    Path fromOptions = tmp.resolve("options");
    CliRunner b =
        train(
            fromOptions,
            "--hidden",
            "16",
            "--batch-norm",
            "--lr",
            "0.01",
            "--epochs",
            "2",
            "--batch-size",
            "64",
            "--conventions",
            "book",
            "--seed",
            "5");
    assertThat(b.status()).as(b.err()).isZero();
    assertThat(Files.readString(fromFile.resolve("config.json")))
        .isEqualTo(Files.readString(fromOptions.resolve("config.json")));
    assertThat(Files.readAllBytes(fromFile.resolve("model.safetensors")))
        .isEqualTo(Files.readAllBytes(fromOptions.resolve("model.safetensors")));
    JsonNode spec = JSON.readTree(fromFile.resolve("config.json").toFile());
    assertThat(spec.at("/optimizer/eps").asDouble()).as("the book's Adam ε").isEqualTo(1e-7);
    assertThat(spec.at("/network/batch_norm/epsilon").asDouble()).isEqualTo(1e-6);
  }

  @Test
  void optionsOverrideTheFile() throws IOException {
    Path config = file("c.json", "{\"loop\": {\"epochs\": 5}, \"network\": {\"hidden\": [8]}}");
    Path out = tmp.resolve("out");
    CliRunner r = train(out, "--config", config.toString(), "--epochs", "1");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode spec = JSON.readTree(out.resolve("config.json").toFile());
    assertThat(spec.at("/loop/epochs").asInt()).isEqualTo(1);
    assertThat(spec.at("/network/hidden").toString()).isEqualTo("[8]");
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(1);
  }

  /** Runs train, expects exit 2, one line and no run directory, and returns the line. */
  private String refused(String... args) {
    Path out = tmp.resolve("never");
    CliRunner r = train(out, args);
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(out).doesNotExist();
    assertThat(r.err())
        .doesNotContain("dev.gakushu")
        .doesNotContain("com.fasterxml")
        .doesNotContain("class ")
        .doesNotContain("Exception");
    return r.err().strip();
  }

  @Test
  void aValueFromTheFileNamesTheFileAndAValueTypedNamesTheOption() throws IOException {
    String c = file("c.json", "{\"loop\": {\"epochs\": 0}}").toString();
    assertThat(refused("--config", c))
        .isEqualTo("gakushu: " + c + ": loop.epochs = 0: expected a whole number >= 1");
    String ok = file("ok.json", "{\"loop\": {\"epochs\": 3}}").toString();
    assertThat(refused("--config", ok, "--epochs", "0"))
        .contains("'--epochs': 0 (expected a whole number >= 1)")
        .doesNotContain("ok.json")
        .doesNotContain("loop.epochs");
    String early =
        file(
                "early.json",
                "{\"data\": {\"validation_split\": 0},"
                    + " \"loop\": {\"early_stopping\": {\"patience\": 2}}}")
            .toString();
    assertThat(refused("--config", early))
        .isEqualTo(
            "gakushu: "
                + early
                + ": loop.early_stopping.patience = 2: expected validation data to monitor"
                + " (data.validation_split > 0)");
    String huge = file("huge.json", "{\"network\": {\"hidden\": [100000000]}}").toString();
    assertThat(refused("--config", huge))
        .startsWith(
            "gakushu: "
                + huge
                + ": network.hidden = [100000000]: expected a network that fits in memory: the"
                + " network needs about");
    assertThat(refused("--hidden", "100000000"))
        .startsWith(
            "gakushu: Invalid value for option '--hidden': [100000000] (expected a network that"
                + " fits in memory");
    String typo = file("typo.json", "{\"loop\": {\"epoch\": 3}}").toString();
    assertThat(refused("--config", typo))
        .isEqualTo(
            "gakushu: " + typo + ": unknown field \"loop.epoch\"; did you mean \"loop.epochs\"?");
  }
}
