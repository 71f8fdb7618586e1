package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.EmbeddedDigits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NAMES = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
  };

  @TempDir Path tmp;

  /** The digits as a CSV file with a header and the class as a word in the first column. */
  private Path digitsCsv(int from, int to) throws IOException {
    Dataset d = EmbeddedDigits.load();
    StringBuilder csv = new StringBuilder("digit");
    for (int c = 0; c < 64; c++) {
      csv.append(",p").append(c);
    }
    csv.append('\n');
    for (int r = from; r < to; r++) {
      csv.append(NAMES[d.labels()[r]]);
      for (int c = 0; c < 64; c++) {
        csv.append(',').append(Math.round(d.features().get(r, c) * 16));
      }
      csv.append('\n');
    }
    return Files.writeString(tmp.resolve("digits-" + from + ".csv"), csv.toString());
  }

  @Test
  void trainsOnACsvFileWithWordLabelsAndKeepsTheClassMapping() throws IOException {
    Path out = tmp.resolve("csv-run");
    CliRunner r =
        CliRunner.run(
            "train",
            "--data",
            digitsCsv(0, 1797).toString(),
            "--label",
            "digit",
            "--epochs",
            "10",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("classes").toString())
        .isEqualTo(
            "[\"eight\",\"five\",\"four\",\"nine\",\"one\",\"seven\",\"six\",\"three\",\"two\",\"zero\"]");
    assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("test_accuracy").asDouble())
        .isGreaterThan(0.9);
  }

  @Test
  void aSeparateTestFileIsUsedWhole() throws IOException {
    Path out = tmp.resolve("csv-test");
    CliRunner r =
        CliRunner.run(
            "train",
            "--data",
            digitsCsv(0, 1500).toString(),
            "--test",
            digitsCsv(1500, 1797).toString(),
            "--label",
            "0",
            "--epochs",
            "3",
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("test_rows").asInt())
        .isEqualTo(297);
    CliRunner bad =
        CliRunner.run(
            "train",
            "--data",
            digitsCsv(0, 1500).toString(),
            "--test",
            digitsCsv(1500, 1797).toString(),
            "--label",
            "0",
            "--test-split",
            "0.1",
            "--out",
            tmp.resolve("never").toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err())
        .contains("'--test-split': 0.1 (expected none: digits-0.csv has a test part of its own)");
  }

  @Test
  void badDataSourcesAreOneLineAndExitTwo() throws IOException {
    CliRunner nowhere = CliRunner.run("train", "--data", tmp.resolve("nothing-here").toString());
    assertThat(nowhere.status()).isEqualTo(2);
    assertThat(nowhere.err()).contains("no such data set, file or folder").hasLineCount(1);

    Path empty = Files.createDirectories(tmp.resolve("empty-dir"));
    CliRunner offline =
        CliRunner.run(
            "train",
            "--data",
            "mnist",
            "--data-dir",
            empty.toString(),
            "--offline",
            "--out",
            tmp.resolve("never").toString());
    if (offline.status() != 0) { // MNIST itself is not on this machine
      assertThat(offline.status()).isEqualTo(2);
      assertThat(offline.err())
          .contains("data mnist: not found in")
          .contains("offline mode forbids downloading it");
    }
    Path ragged = Files.writeString(tmp.resolve("ragged.csv"), "a,b,c\n1,2,0\n1,2\n");
    CliRunner r =
        CliRunner.run(
            "train", "--data", ragged.toString(), "--out", tmp.resolve("never").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(ragged + " line 3: 2 fields, expected 3 like the header");
    assertThat(tmp.resolve("never")).doesNotExist();
  }

  @Test
  void datasetsListsWhatIsKnownAndWhereItIs() {
    CliRunner r = CliRunner.run("datasets");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("digits         embedded in the jar")
        .contains("1797")
        .contains("mnist")
        .contains("fashion-mnist")
        .contains("T-shirt/top");
  }

  @Test
  void datasetsSaysWhereFashionMnistWasFound() {
    Path fashion = dev.gakushu.OptionalParts.assumeFashionMnist();
    CliRunner r = CliRunner.run("datasets");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains(fashion.toString()).contains("60000 train, 10000 test");
  }
}
