package dev.gakushu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies, read from the sources' imports and qualified names, over both
 * modules: the library's ({@code gakushu-core}) and this one's ({@code cli}).
 */
class LayeringTest {
  private static final Path SOURCES = Path.of("../gakushu-core/src/main/java/dev/gakushu");
  private static final Path CLI_SOURCES = Path.of("src/main/java/dev/gakushu");
  private static final Pattern USE = Pattern.compile("dev\\.gakushu\\.([a-z]+)\\.[A-Z]");

  /** package → the packages its sources use (the root package is left out). */
  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    for (Path root : List.of(SOURCES, CLI_SOURCES)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Path dir = root.relativize(f).getParent();
          if (dir == null) {
            continue;
          }
          String pkg = dir.toString();
          Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
          Matcher m = USE.matcher(Files.readString(f));
          while (m.find()) {
            if (!m.group(1).equals(pkg)) {
              used.add(m.group(1));
            }
          }
        }
      }
    }
    return uses;
  }

  @Test
  void noPackageCycle() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses).containsKeys("tensor", "nn", "spec", "run", "train", "tune", "cli");
    for (String start : uses.keySet()) {
      List<String> reachable = new ArrayList<>(uses.get(start));
      Set<String> seen = new TreeSet<>();
      while (!reachable.isEmpty()) {
        String next = reachable.remove(reachable.size() - 1);
        assertThat(next).as("a cycle through %s", start).isNotEqualTo(start);
        if (seen.add(next)) {
          reachable.addAll(uses.getOrDefault(next, Set.of()));
        }
      }
    }
  }

  /**
   * Every package has a layer, and each uses only packages of lower layers: a new package must be
   * placed here, and an import that points up (the dashboard into the command line, the run files
   * into training) fails.
   */
  private static final Map<String, Integer> LAYERS =
      Map.ofEntries(
          Map.entry("tensor", 0),
          Map.entry("files", 0),
          Map.entry("report", 0),
          Map.entry("init", 1),
          Map.entry("data", 1),
          Map.entry("nn", 2),
          Map.entry("optim", 3),
          Map.entry("io", 5),
          Map.entry("spec", 4),
          Map.entry("onnx", 6),
          Map.entry("run", 5),
          Map.entry("train", 6),
          Map.entry("tune", 7),
          Map.entry("observe", 8),
          Map.entry("tensorboard", 9),
          Map.entry("dashboard", 9),
          Map.entry("experiments", 10),
          Map.entry("bench", 10),
          Map.entry("cli", 11));

  @Test
  void everyPackageHasALayerAndUsesOnlyLowerOnes() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(LAYERS.keySet()).as("the packages").isEqualTo(uses.keySet());
    uses.forEach(
        (pkg, used) -> {
          for (String lower : used) {
            assertThat(LAYERS.get(lower)).as(pkg + " uses " + lower).isLessThan(LAYERS.get(pkg));
          }
        });
  }

  @Test
  void theLayersPointOneWay() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses.get("report")).doesNotContain("experiments", "train", "cli");
    for (String library : List.of("tensor", "nn", "init", "optim", "data", "spec", "io", "train")) {
      assertThat(uses.get(library)).as(library).doesNotContain("cli", "experiments", "tune");
    }
    assertThat(uses.get("spec")).doesNotContain("train", "io");
  }

  /**
   * The run package owns the run directory's file names, records and codecs, beneath everything
   * that writes or reads a run: it knows no training, observing, search, dashboard or command.
   */
  @Test
  void theRunPackageIsBeneathWhatWritesAndReadsRuns() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    assertThat(uses.get("run"))
        .as("run")
        .isSubsetOf("spec")
        .doesNotContain(
            "train", "observe", "tune", "dashboard", "tensorboard", "experiments", "cli", "io");
    for (String reader : List.of("train", "observe")) {
      assertThat(uses.get(reader)).as(reader).contains("run");
    }
  }

  @Test
  void theLibraryDoesNotSpeakOfCommandLineOptions() throws IOException {
    Pattern flag = Pattern.compile("\"[^\"\\n]*--[a-z][a-z-]+[^\"\\n]*\"");
    for (String library :
        List.of("nn", "init", "optim", "data", "spec", "io", "run", "train", "tune")) {
      try (Stream<Path> files = Files.list(SOURCES.resolve(library))) {
        for (Path f : files.toList()) {
          Matcher m = flag.matcher(Files.readString(f));
          assertThat(m.find() ? m.group() : null).as(f.toString()).isNull();
        }
      }
    }
  }
}
