package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {
  @TempDir Path tmp;

  @Test
  void aFolderThatIsNotThereIsBadInput() {
    CliRunner r = CliRunner.run("dashboard", "--runs", tmp.resolve("nowhere").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "gakushu: --runs "
                + tmp.resolve("nowhere")
                + " is not a folder; expected the folder runs are written to");
  }

  @Test
  void aTakenPortIsBadInput() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliRunner r =
          CliRunner.run("dashboard", "--runs", tmp.toString(), "--port", Integer.toString(port));
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err().strip())
          .isEqualTo(
              "gakushu: --port "
                  + port
                  + " is taken on 127.0.0.1; choose another port or 0 for a free one");
      assertThat(r.err().lines().count()).isEqualTo(1);
    }
  }

  @Test
  void anImpossiblePortIsBadInput() {
    CliRunner r = CliRunner.run("train", "--dashboard", "--dashboard-port", "70000");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("'--dashboard-port': 70000 (expected a port from 0 to 65535; 0 for a free one)");
  }

  @Test
  void trainServesTheDashboardWhileItRunsAndStopsItAfter() throws Exception {
    Path run = tmp.resolve("runs").resolve("one");
    CliRunner r =
        CliRunner.run(
            "train",
            "--epochs",
            "2",
            "--hidden",
            "20",
            "--no-progress",
            "--dashboard",
            "--out",
            run.toString());
    assertThat(r.status()).as(r.err()).isZero();
    Matcher m =
        Pattern.compile("dashboard: http://127\\.0\\.0\\.1:(\\d+)/\\?token=[A-Za-z0-9_-]{43}\n")
            .matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(Files.readString(run.resolve("status.json"))).contains("\"finished\"");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/api/runs")).build();
    try {
      http.send(request, HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("the dashboard still answers after train ended");
    } catch (IOException stopped) {
      // connection refused: the server stopped with the command
    }
  }
}
