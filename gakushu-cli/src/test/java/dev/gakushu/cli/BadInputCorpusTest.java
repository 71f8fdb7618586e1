package dev.gakushu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@link BadInputCorpus} through the command line and checks the promise of the
 * error boundary: exit status 2, exactly one line on standard error that names what is wrong, no
 * stack trace, crash report, Java class or library name, nothing created or changed in the case's
 * folder (nor in {@code runs/}), and less than 512 MiB allocated. Most cases run in-process, where
 * the bytes the command's thread allocates bound its heap use; the cases of huge declared sizes
 * also run in a JVM of their own started with {@code -Xmx512m}.
 */
class BadInputCorpusTest {
  private static final long LIMIT = 512L << 20;

  @TempDir static Path root;

  @BeforeAll
  static void prepareARunAndASearch() {
    CliRunner train =
        CliRunner.run(
            "train",
            "--epochs",
            "1",
            "--hidden",
            "8",
            "--batch-norm",
            "--dropout",
            "0.1",
            "--no-progress",
            "--out",
            root.resolve("base").toString());
    assertThat(train.status()).as(train.err()).isZero();
    List<String> tune = new ArrayList<>(List.of(BadInputCorpus.TUNE));
    tune.addAll(List.of("--out", root.resolve("tune").toString()));
    CliRunner search = CliRunner.run(tune.toArray(String[]::new));
    assertThat(search.status()).as(search.err()).isZero();
  }

  static Stream<BadInputCorpus.Case> inProcess() {
    return BadInputCorpus.all().stream().filter(c -> !c.subprocess());
  }

  static Stream<BadInputCorpus.Case> inTheirOwnJvm() {
    return BadInputCorpus.all().stream().filter(BadInputCorpus.Case::subprocess);
  }

  @Test
  void theCorpusHoldsMoreThanAHundredCasesOfEveryKind() {
    List<BadInputCorpus.Case> all = BadInputCorpus.all();
    assertThat(all).hasSizeGreaterThan(100);
    for (String kind : List.of("idx", "csv", "model", "checkpoint", "journal", "train", "tune")) {
      assertThat(all).filteredOn(c -> c.name().startsWith(kind)).hasSizeGreaterThan(3);
    }
    assertThat(all.stream().map(BadInputCorpus.Case::name).distinct()).hasSameSizeAs(all);
  }

  private static Path prepare(BadInputCorpus.Case c) throws IOException {
    Path dir = root.resolve("case-" + Integer.toHexString(c.name().hashCode()));
    Files.createDirectories(dir);
    c.setUp().into(dir);
    return dir;
  }

  private static String[] arguments(BadInputCorpus.Case c, Path dir) {
    return c.args().stream().map(a -> a.replace("{dir}", dir.toString())).toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inProcess")
  void exitsWithOneLineAndLeavesEverythingAsItWas(BadInputCorpus.Case c) throws Exception {
    Path dir = prepare(c);
    Map<String, String> before = snapshot(dir);
    Map<String, String> runsBefore = snapshot(Path.of("runs"));
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = threads.getCurrentThreadAllocatedBytes();
    CliRunner r = CliRunner.run(arguments(c, dir));
    allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
    assertOneClearLine(c, r.status(), r.err());
    assertThat(snapshot(dir)).as("files of " + c.name()).isEqualTo(before);
    assertThat(snapshot(Path.of("runs"))).as("runs/").isEqualTo(runsBefore);
    assertThat(allocated).as("bytes allocated by " + c.name()).isLessThan(LIMIT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inTheirOwnJvm")
  void exitsWithOneLineInA512MebibyteJvm(BadInputCorpus.Case c) throws Exception {
    Path dir = prepare(c);
    Map<String, String> before = snapshot(dir);
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dgakushu.gemmTuning=off",
                "-Xmx512m",
                "--add-modules",
                "jdk.incubator.vector",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gakushu.cli.Gakushu"));
    command.addAll(List.of(arguments(c, dir)));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String shown =
        err.lines()
            .filter(l -> !l.startsWith("WARNING: Using incubator modules"))
            .filter(l -> !l.startsWith("gakushu: note:"))
            .reduce("", (a, b) -> a + b + "\n");
    assertOneClearLine(c, p.exitValue(), shown);
    assertThat(shown).doesNotContain("out of memory");
    assertThat(snapshot(dir)).as("files of " + c.name()).isEqualTo(before);
  }

  private static void assertOneClearLine(BadInputCorpus.Case c, int status, String err) {
    assertThat(status).as(c.name() + ": " + err).isEqualTo(Gakushu.EXIT_BAD_INPUT);
    List<String> lines = err.strip().lines().toList();
    assertThat(lines.size()).as(c.name()).isBetween(1, 2);
    if (lines.size() == 2) { // a misspelt name: the error, then picocli's suggestion
      assertThat(lines.get(1))
          .as(c.name())
          .matches("gakushu: (Possible solutions|Did you mean): .*");
    }
    assertThat(err)
        .as(c.name())
        .startsWith("gakushu: ")
        .contains(c.expected())
        .doesNotContain("\tat ")
        .doesNotContain("internal error")
        .doesNotContain("dev.gakushu")
        .doesNotContain("com.fasterxml")
        .doesNotContainPattern("(class|interface) [a-z]+\\.[a-z]") // Class.toString()
        .doesNotContain("Exception");
  }

  /** Every file and folder under {@code dir} with a hash of its bytes. */
  static Map<String, String> snapshot(Path dir) throws Exception {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(dir)) {
      return files;
    }
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        String key = dir.relativize(p).toString();
        if (Files.isDirectory(p)) {
          files.put(key + "/", "");
        } else if (Files.size(p) > (1 << 24)) {
          files.put(key, Files.size(p) + " bytes " + Files.getLastModifiedTime(p));
        } else {
          files.put(key, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
      }
    }
    return files;
  }
}
