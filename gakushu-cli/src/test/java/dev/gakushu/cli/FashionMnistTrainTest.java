package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Fashion-MNIST through the default settings, for one epoch: the split docs/data.md
 * describes and a network that learns (one epoch of Adam gives about 0.84; the 30 epochs of the
 * guide's figure are a benchmark, not a test).
 */
class FashionMnistTrainTest {
  @TempDir Path tmp;

  @Test
  void oneEpochOfTheDefaultSettingsLearns() throws IOException {
    dev.gakushu.OptionalParts.assumeFashionMnist();
    Path out = tmp.resolve("fashion");
    CliRunner r =
        CliRunner.run("train", "--data", "fashion-mnist", "--epochs", "1", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("50000 train, 10000 validation, 10000 test rows");
    double accuracy =
        new ObjectMapper()
            .readTree(out.resolve("summary.json").toFile())
            .get("test_accuracy")
            .asDouble();
    assertThat(accuracy).isGreaterThanOrEqualTo(0.80);
  }
}
