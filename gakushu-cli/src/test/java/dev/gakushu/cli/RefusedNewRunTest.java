package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new {@code train} run refused because its dashboard port is taken leaves nothing behind: not
 * the run folder, not the folders above it that it made, and an empty --out folder stays empty.
 */
class RefusedNewRunTest {
  @TempDir Path tmp;

  @Test
  void aTakenDashboardPortLeavesNoFolder() throws Exception {
    Files.writeString(tmp.resolve("kept.txt"), "there before");
    List<String> before = listing(tmp);
    refused(tmp.resolve("new").resolve("deeper").resolve("run"));
    assertThat(listing(tmp)).isEqualTo(before);
  }

  @Test
  void anEmptyOutFolderStaysAndStaysEmpty() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("empty"));
    refused(out);
    assertThat(listing(tmp)).containsExactly("empty");
  }

  private static void refused(Path out) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());
      CliRunner r =
          CliRunner.run(
              "train",
              "--epochs",
              "1",
              "--no-progress",
              "--dashboard",
              "--dashboard-port",
              port,
              "--out",
              out.toString());
      assertThat(r.status()).as(r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).contains("--port " + port);
    }
  }

  /** Every file and folder under {@code dir}, by its relative path. */
  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.equals(dir))
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
