package dev.gakushu.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs every program in examples/ as docs/java-api.md shows it (java's single-file launcher, with
 * this build's classes on the class path) and checks what it prints.
 */
class ExamplesTest {
  /** The examples sit at the root of the repository, beside this module. */
  private static final Path EXAMPLES = Path.of("../examples");

  @TempDir Path tmp;

  @Test
  void everyExampleIsCovered() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.endsWith(".java"))
                  .sorted()
                  .toList())
          .containsExactly(
              "CustomListener.java",
              "ResumeRun.java",
              "SmallSearch.java",
              "TrainSaveLoadPredict.java");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TrainSaveLoadPredict|the loaded model classifies",
        "ResumeRun|the resumed run's weights equal the uninterrupted run's, bit for bit",
        "SmallSearch|best trial's optimizer: Sgd[lr=",
        "CustomListener|-> stop: validation accuracy reached 0.95",
      })
  void runs(String name, String expected) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgakushu.gemmTuning=off",
                // the plain kernels, which give the vector kernels' bits: no 1-1.6 s kernel probe
                "-Dgakushu.kernel=plain",
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                EXAMPLES.resolve(name + ".java").toString(),
                tmp.resolve(name).toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains(expected);
    assertThat(List.of(out.split("\n"))).noneMatch(l -> l.contains("Exception"));
  }
}
