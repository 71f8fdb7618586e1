package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train --sampling: the run's config.json says the mode given (--no-shuffle is in-order), and a
 * mode that is none, or --no-shuffle with another mode, is refused with one line naming the option,
 * exit status 2 and nothing written.
 */
class TrainSamplingTest {
  @TempDir Path tmp;

  private static CliRunner train(Path out, String... options) {
    String[] args = new String[options.length + 8];
    String[] fixed = {"train", "--epochs", "1", "--hidden", "8", "--no-progress", "--out"};
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    args[fixed.length] = out.toString();
    System.arraycopy(options, 0, args, fixed.length + 1, options.length);
    return CliRunner.run(args);
  }

  @Test
  void theModeGivenIsTheRunsSampling() throws Exception {
    for (String[] c :
        new String[][] {
          {"with-replacement", "--sampling", "with-replacement"},
          {"in-order", "--no-shuffle"},
          {"in-order", "--sampling", "in-order", "--no-shuffle"},
          {"shuffle"}
        }) {
      Path out = tmp.resolve("run-" + String.join("-", c));
      String[] options = java.util.Arrays.copyOfRange(c, 1, c.length);
      CliRunner r = train(out, options);
      assertThat(r.status()).as(r.err()).isZero();
      assertThat(Files.readString(out.resolve("config.json")))
          .contains("\"sampling\" : \"" + c[0] + "\"");
    }
  }

  @Test
  void aBadModeIsRefusedWithNothingWritten() {
    refused("--sampling", "--sampling", "random");
    refused("--no-shuffle", "--no-shuffle", "--sampling", "with-replacement");
  }

  private void refused(String named, String... options) {
    Path out = tmp.resolve("refused");
    CliRunner r = train(out, options);
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err()).contains(named);
    assertThat(out).doesNotExist();
  }
}
