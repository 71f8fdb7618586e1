package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise: default settings on the real Fashion-MNIST reach a test accuracy of 0.85.
 */
class FashionMnistTrainTest {
  @TempDir Path tmp;

  @Test
  void defaultSettingsReachTheDocumentedAccuracy() throws IOException {
    dev.gakushu.data.IdxReaderTest.assumeFashionMnist();
    Path out = tmp.resolve("fashion");
    CliRunner r = CliRunner.run("train", "--data", "fashion-mnist", "--out", out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("50000 train, 10000 validation, 10000 test rows");
    double accuracy =
        new ObjectMapper()
            .readTree(out.resolve("summary.json").toFile())
            .get("test_accuracy")
            .asDouble();
    System.out.println("Fashion-MNIST, default settings: test accuracy " + accuracy);
    assertThat(accuracy).isGreaterThanOrEqualTo(0.85);
  }
}
