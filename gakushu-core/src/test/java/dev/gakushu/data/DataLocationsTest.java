package dev.gakushu.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLocationsTest {
  @TempDir Path tmp;

  @Test
  void searchOrderIsDataDirEnvironmentCacheThenSystem() {
    DataLocations l =
        DataLocations.fromEnvironment(
            Path.of("/d"), Map.of("GAKUSHU_DATA", "/e"), Path.of("/home/u"));
    assertThat(l.candidates(IdxSet.FASHION_MNIST))
        .containsExactly(
            Path.of("/d"),
            Path.of("/d/fashion-mnist"),
            Path.of("/e"),
            Path.of("/e/fashion-mnist"),
            Path.of("/home/u/.cache/gakushu/fashion-mnist"),
            Path.of("/usr/share/datasets/fashion-mnist"));
    DataLocations xdg =
        DataLocations.fromEnvironment(null, Map.of("XDG_CACHE_HOME", "/x"), Path.of("/home/u"));
    assertThat(xdg.candidates(IdxSet.MNIST)).containsExactly(Path.of("/x/gakushu/mnist"));
  }

  @Test
  void theFirstCompleteFolderWins() throws Exception {
    Path early = tmp.resolve("early");
    Path late = tmp.resolve("late/mnist");
    IdxReaderTest.writeValidSet(late);
    java.nio.file.Files.createDirectories(early); // present but empty: skipped
    DataLocations l = new DataLocations(early, tmp.resolve("late"), tmp.resolve("cache"));
    assertThat(l.find(IdxSet.MNIST)).isEqualTo(late);
  }
}
