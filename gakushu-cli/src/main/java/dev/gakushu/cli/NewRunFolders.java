package dev.gakushu.cli;

import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The folders a new run directory is about to create, so that a command refused after creating it
 * (its dashboard port taken) removes them again and leaves nothing behind. Only empty folders are
 * removed: a folder that holds anything is never touched.
 */
final class NewRunFolders {
  /** The outermost folder of the path that does not exist yet, or null when all exist. */
  private final Path outermost;

  private NewRunFolders(Path outermost) {
    this.outermost = outermost;
  }

  /** Before creating a run directory at or under {@code target}. */
  private static NewRunFolders before(Path target) {
    Path missing = null;
    for (Path p = target.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing = p;
    }
    return new NewRunFolders(missing);
  }

  /**
   * Removes the run directory {@code dir} (closed, so its lock is gone) when this command created
   * it, and the folders above it that it created.
   *
   * @param child whether {@code dir} is a new folder inside the target (runs/&lt;time&gt;-train)
   *     rather than the target itself (--out, which may have been an empty folder already)
   */
  private void remove(Path dir, boolean child) {
    if (!child && outermost == null) {
      return; // --out named an empty folder that was there before
    }
    Path p = dir.toAbsolutePath();
    try {
      while (p != null && Files.deleteIfExists(p) && !p.equals(outermost) && outermost != null) {
        p = p.getParent();
      }
    } catch (IOException e) {
      // not empty or not ours to remove: left as it is
    }
  }

  /** A new run directory and the dashboard served over it (null without --dashboard). */
  record Created(RunDirectory dir, DashboardServer dashboard) {}

  /**
   * Creates the run directory {@code out} (or runs/&lt;time&gt;-{@code name} without it) and starts
   * the dashboard over it; when the dashboard is refused (its port taken), the new folders go
   * again.
   */
  static Created create(Path out, String name, Function<Path, DashboardServer> dashboard) {
    NewRunFolders folders = before(out != null ? out : Path.of("runs"));
    RunDirectory dir =
        out != null ? RunDirectory.createAt(out) : RunDirectory.createUnder(Path.of("runs"), name);
    try {
      return new Created(dir, dashboard.apply(dir.path()));
    } catch (RuntimeException refused) {
      dir.close();
      folders.remove(dir.path(), out == null);
      throw refused;
    }
  }
}
