package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference runs reproduce {@code fingerprints.txt} bit for bit (see {@link ReferenceRuns}): in
 * this JVM on 1, 2 and 3 threads with the kernels it chose, and in JVMs of their own on 2 threads:
 * without {@code --add-modules jdk.incubator.vector} (the plain path of {@code java -jar} and of a
 * library user who does not add the module), and with the vector kernels forced at 128, 256 and 512
 * bits (on a CPU without AVX-512, 512-bit vectors run slowly but exactly). {@code .ci/run} runs the
 * suite on JDK 17 and JDK 25, so both JDKs reproduce the same file.
 *
 * <p>When the numbers change on purpose, regenerate the file from gakushu-cli (after {@code mvn
 * test-compile}, the class path from {@code mvn dependency:build-classpath}): {@code java
 * --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:CLASSPATH
 * dev.gakushu.cli.ReferenceRuns DIR 1 --write src/test/resources/dev/gakushu/cli/fingerprints.txt}.
 */
class FingerprintsTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theReferenceRunsGiveTheRecordedBitsOnOneTwoAndThreeThreads(int threads) throws IOException {
    assertThat(ReferenceRuns.compute(tmp, threads))
        .containsExactlyElementsOf(ReferenceRuns.expected());
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain", "128", "256", "512"})
  void theReferenceRunsGiveTheRecordedBitsWithoutTheVectorModuleAndAtEveryWidth(String leg)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dgakushu.gemmTuning=off");
    if (!leg.equals("plain")) {
      command.addAll(
          List.of(
              "--add-modules",
              "jdk.incubator.vector",
              "-XX:MaxVectorSize=" + Integer.parseInt(leg) / 8, // the matrix product's width
              "-Dgakushu.kernel=vector",
              "-Dgakushu.vectorBits=" + leg)); // the element-wise kernels' width
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ReferenceRuns.class.getName(),
            tmp.toString(),
            "2"));
    Path errors = tmp.resolve("errors.txt");
    Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    List<String> lines =
        new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    assertThat(child.waitFor()).as(Files.readString(errors)).isZero();
    if (leg.equals("plain")) {
      assertThat(lines.get(0)).contains("kernels: plain (the JVM lacks jdk.incubator.vector");
    } else { // the product's width is the CPU's at most: 256 bits for the 512 leg on AVX2
      Matcher width = Pattern.compile("kernels: vector (\\d+)-bit").matcher(lines.get(0));
      assertThat(width.find()).as(lines.get(0)).isTrue();
      assertThat(Integer.parseInt(width.group(1))).isBetween(128, Integer.parseInt(leg));
    }
    assertThat(lines.subList(1, lines.size()))
        .as("leg %s", leg)
        .containsExactlyElementsOf(ReferenceRuns.expected());
  }
}
