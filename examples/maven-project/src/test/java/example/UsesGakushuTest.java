package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.data.DataAccess;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The library as a dependency: it trains, with the project's own Jackson, and bundles nothing. */
class UsesGakushuTest {
  @Test
  void trainsWithTheProjectsOwnJackson() throws Exception {
    assertEquals(
        System.getProperty("expected.jackson.version"),
        com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());

    RunSpec spec =
        RunSpec.builder().data("digits").hidden(32).optimizer("adam").epochs(5).seed(1).build();
    TrainingRun run = TrainingRun.prepare(spec, DataAccess.standard());
    Path dir = Files.createTempDirectory("uses-gakushu");
    TrainingRun.Outcome outcome;
    try (RunDirectory out = RunDirectory.createAt(dir.resolve("run"))) {
      outcome = run.startIn(out, List.of());
    }
    // it learns: chance is 0.1 (0.836 with seed 1 since the fixed arithmetic of #28)
    assertTrue(outcome.test().accuracy() > 0.8, "test accuracy " + outcome.test().accuracy());
    // the run's config.json was written by the library through this Jackson and reads back here
    ObjectMapper json = new ObjectMapper();
    assertEquals(
        "digits", json.readTree(dir.resolve("run/config.json").toFile()).at("/data/source").asText());
  }

  @Test
  void theLibraryJarHoldsOnlyGakushu() throws Exception {
    Path jar = Path.of(RunSpec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      List<String> foreign =
          zip.stream()
              .map(e -> e.getName())
              .filter(n -> n.endsWith(".class") && !n.startsWith("dev/gakushu/"))
              .filter(n -> !n.equals("module-info.class"))
              .toList();
      assertEquals(List.of(), foreign, jar.toString());
      // the one class outside dev/gakushu is the jar's own module descriptor
      try (InputStream in = zip.getInputStream(zip.getEntry("module-info.class"))) {
        assertEquals("dev.gakushu", ModuleDescriptor.read(in).name(), jar.toString());
      }
    }
  }
}
