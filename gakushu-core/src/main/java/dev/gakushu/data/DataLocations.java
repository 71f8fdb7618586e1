package dev.gakushu.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where MNIST-style data sets are looked for, in order: the folder given on the command line
 * ({@code --data-dir}), the folder in {@code $GAKUSHU_DATA}, the cache ({@code
 * $XDG_CACHE_HOME/gakushu} or {@code ~/.cache/gakushu}), then a system folder such as Debian's
 * {@code /usr/share/datasets/fashion-mnist}. In the first two, the files may lie in the folder
 * itself or in a sub-folder named after the data set.
 *
 * @param dataDir the command line's folder, or null
 * @param environmentDir the folder in {@code $GAKUSHU_DATA}, or null
 * @param cacheRoot the cache's root; a data set's files go in {@code cacheRoot/<name>}
 */
public record DataLocations(Path dataDir, Path environmentDir, Path cacheRoot) {
  /** The locations for this process: its environment and home folder. */
  public static DataLocations fromEnvironment(Path dataDir) {
    return fromEnvironment(dataDir, System.getenv(), Path.of(System.getProperty("user.home")));
  }

  static DataLocations fromEnvironment(Path dataDir, Map<String, String> env, Path home) {
    String data = env.get("GAKUSHU_DATA");
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache =
        (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("gakushu");
    return new DataLocations(dataDir, data == null || data.isBlank() ? null : Path.of(data), cache);
  }

  /** The folder the cache keeps {@code set}'s files in. */
  public Path cacheFolder(IdxSet set) {
    return cacheRoot.resolve(set.name());
  }

  /** Every folder searched for {@code set}, in order. */
  public List<Path> candidates(IdxSet set) {
    List<Path> folders = new ArrayList<>();
    for (Path base : new Path[] {dataDir, environmentDir}) {
      if (base != null) {
        folders.add(base);
        folders.add(base.resolve(set.name()));
      }
    }
    folders.add(cacheFolder(set));
    if (set.systemFolder() != null) {
      folders.add(Path.of(set.systemFolder()));
    }
    return folders;
  }

  /** The first folder holding all four files of {@code set}, or null. */
  public Path find(IdxSet set) {
    return candidates(set).stream()
        .filter(Files::isDirectory)
        .filter(IdxFolder::isComplete)
        .findFirst()
        .orElse(null);
  }
}
