package dev.gakushu.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gakushu.BadInputException;
import dev.gakushu.Conventions;
import dev.gakushu.data.CsvTable;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.IdxReader;
import dev.gakushu.io.SafeTensors;
import dev.gakushu.nn.Activation;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchSpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzz targets for the readers of untrusted files: IDX (plain or gzipped), CSV, safetensors, the
 * search journal and run specifications (config.json). Each reader must either return or throw
 * {@link BadInputException}; any other exception or error is a finding. Under {@code mvn test} they
 * run in Jazzer's regression mode on the inputs in {@code
 * src/test/resources/dev/gakushu/fuzz/ReadersFuzzTestInputs}; the build's {@code fuzz} execution
 * fuzzes {@link #anyReader} for a few seconds, and a long run of one reader is {@code JAZZER_FUZZ=1
 * mvn test -Dtest=ReadersFuzzTest#idx} (see docs/reliability.md).
 */
class ReadersFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("gakushu-fuzz");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path file(String name, byte[] bytes) {
    try {
      return Files.write(DIR.resolve(name), bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code reader}, where bad input may only ever be a {@link BadInputException}. */
  private static void expectOnlyBadInput(Runnable reader) {
    try {
      reader.run();
    } catch (BadInputException expected) {
      // the reader refused the input with a message: what it should do
    }
  }

  @FuzzTest(maxDuration = "5m")
  void idx(byte[] bytes) {
    Path f = file("images", bytes);
    expectOnlyBadInput(() -> IdxReader.readImages(f));
    expectOnlyBadInput(() -> IdxReader.readLabels(f));
  }

  @FuzzTest(maxDuration = "5m")
  void csv(byte[] bytes) {
    Path f = file("table.csv", bytes);
    expectOnlyBadInput(() -> CsvTable.read(f, null));
    expectOnlyBadInput(() -> CsvTable.readFeatures(f, 3));
  }

  @FuzzTest(maxDuration = "5m")
  void safetensors(byte[] bytes) {
    Path f = file("model.safetensors", bytes);
    expectOnlyBadInput(() -> SafeTensors.read(f));
  }

  @FuzzTest(maxDuration = "5m")
  void journal(FuzzedDataProvider data) {
    boolean withSettings = data.consumeBoolean();
    String rest = data.consumeRemainingAsString();
    Path dir = DIR.resolve("search");
    try {
      Files.createDirectories(dir);
      Search search = new Search(SETTINGS, TINY, TINY, dir);
      String first = withSettings ? SETTINGS_LINE + "\n" : "";
      Files.writeString(dir.resolve(Search.JOURNAL), first + rest, StandardCharsets.UTF_8);
      expectOnlyBadInput(() -> search.run(0, 1, Search.LOCAL, r -> {}));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void runSpecification(String text) {
    if (text == null) { // Jazzer's null string: no file's content
      return;
    }
    expectOnlyBadInput(() -> RunSpecJson.parse(text, "config.json"));
  }

  /** One of the five readers, chosen by the first byte: the target of the build's short run. */
  @FuzzTest(maxDuration = "10s")
  void anyReader(FuzzedDataProvider data) {
    switch (data.consumeInt(0, 4)) {
      case 0 -> idx(data.consumeRemainingAsBytes());
      case 1 -> csv(data.consumeRemainingAsBytes());
      case 2 -> safetensors(data.consumeRemainingAsBytes());
      case 3 -> runSpecification(data.consumeRemainingAsString());
      default -> journal(data);
    }
  }

  private static final Dataset TINY =
      new Dataset(
          "tiny", Matrix.wrap(2, 1, new float[] {0, 1}), new int[] {0, 1}, List.of("a", "b"));

  private static final RunSpec BASE =
      RunSpec.builder()
          .hidden(4)
          .activation(Activation.RELU)
          .optimizer("sgd")
          .conventions(Conventions.PYTORCH)
          .lr(0.01)
          .epochs(2)
          .batchSize(2)
          .threads(1)
          .build();

  private static final Search.Settings SETTINGS =
      new Search.Settings(
          "tiny",
          SearchSpace.parse(List.of("lr=log(0.001,0.1)", "hidden=int(1,8)"), BASE),
          BASE,
          "random",
          42);

  /** The first line of a journal of {@link #SETTINGS}, as the search writes it. */
  private static final String SETTINGS_LINE = settingsLine();

  private static String settingsLine() {
    Path dir = DIR.resolve("settings");
    try {
      Files.createDirectories(dir);
      new Search(SETTINGS, TINY, TINY, dir).run(0, 1, Search.LOCAL, r -> {});
      return Files.readAllLines(dir.resolve(Search.JOURNAL)).get(0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
