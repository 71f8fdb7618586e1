package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.io.SafeTensors;
import dev.gakushu.train.Checkpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused {@code train --resume} changes no file of the run: every file's hash is the same before
 * and after each refusal (bad options, an edited specification, damaged files, a checkpoint of the
 * format before the early-stopping state, a taken dashboard port), and each is refused with exit
 * status 2 and one line naming what was wrong.
 */
class RefusedResumeTest {
  @TempDir Path tmp;
  private Path run;

  /**
   * A run with early stopping and per-layer statistics whose {@code layers.jsonl} holds a line
   * after its checkpoint's step, as a run killed after logging a step it had not checkpointed.
   */
  @BeforeEach
  void trainARun() throws IOException {
    run = tmp.resolve("run");
    CliRunner trained =
        CliRunner.run(
            "train",
            "--epochs",
            "2",
            "--early-stop",
            "2",
            "--layer-stats-every",
            "20",
            "--no-progress",
            "--out",
            run.toString());
    assertThat(trained.status()).as(trained.err()).isZero();
    List<String> layers = Files.readAllLines(run.resolve("layers.jsonl"));
    String last = layers.get(layers.size() - 1);
    String later = last.replaceFirst("\"step\":\\d+", "\"step\":999999");
    assertThat(later).isNotEqualTo(last);
    Files.writeString(
        run.resolve("layers.jsonl"),
        later + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  @Test
  void optionsBesideResumeAreRefused() throws Exception {
    refused("--epochs", "train", "--resume", run.toString(), "--epochs", "5");
    refused("--hidden", "train", "--resume", run.toString(), "--hidden", "10");
  }

  @Test
  void anEditedSpecificationIsRefused() throws Exception {
    Path config = run.resolve("config.json");
    String text = Files.readString(config);
    Files.writeString(config, text.replaceFirst("\"seed\" ?: ?42", "\"seed\": 7"));
    assertThat(Files.readString(config)).isNotEqualTo(text);
    refused(config.toString(), "train", "--resume", run.toString());
  }

  @Test
  void damagedFilesAreRefused() throws Exception {
    Path checkpoint = run.resolve(Checkpoint.FILE);
    byte[] good = Files.readAllBytes(checkpoint);
    Files.write(checkpoint, java.util.Arrays.copyOf(good, good.length / 2));
    refused(checkpoint.toString(), "train", "--resume", run.toString());
    Files.write(checkpoint, good);

    Path metrics = run.resolve("metrics.jsonl");
    List<String> lines = Files.readAllLines(metrics);
    Files.writeString(metrics, "{\"epoch\":\n" + lines.get(1) + "\n");
    refused(metrics.toString(), "train", "--resume", run.toString());
  }

  @Test
  void aCheckpointWithoutTheEarlyStoppingStateIsRefused() throws Exception {
    Path checkpoint = run.resolve(Checkpoint.FILE);
    SafeTensors.Contents c = SafeTensors.read(checkpoint);
    Map<String, String> metadata = new LinkedHashMap<>(c.metadata());
    assertThat(metadata.remove("training_state_version")).isNotNull();
    SafeTensors.write(checkpoint, c.tensors(), metadata);
    String err = refused(checkpoint.toString(), "train", "--resume", run.toString());
    assertThat(err).contains("without the early-stopping state");
  }

  @Test
  void aTakenDashboardPortIsRefusedBeforeAnyFileChanges() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());
      refused(
          "--port " + port,
          "train",
          "--resume",
          run.toString(),
          "--dashboard",
          "--dashboard-port",
          port);
    }
  }

  /**
   * Runs {@code args}, which must be refused with exit status 2 and one line naming {@code named},
   * and checks that no file of the run changed.
   *
   * @return what was printed on the error stream
   */
  private String refused(String named, String... args) throws Exception {
    Map<String, String> before = hashes(run);
    CliRunner result = CliRunner.run(args);
    assertThat(result.status()).as(result.err()).isEqualTo(2);
    assertThat(result.err().strip().lines()).as(result.err()).hasSize(1);
    assertThat(result.err()).contains(named);
    assertThat(hashes(run)).as("the run's files after %s", result.err()).isEqualTo(before);
    return result.err();
  }

  /** Every file under {@code dir} by its relative path, with its SHA-256. */
  static Map<String, String> hashes(Path dir) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        hashes.put(dir.relativize(f).toString(), sha256(Files.readAllBytes(f)));
      }
    }
    return hashes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
