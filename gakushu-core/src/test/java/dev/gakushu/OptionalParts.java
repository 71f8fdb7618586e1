package dev.gakushu;

import dev.gakushu.data.DataLocations;
import dev.gakushu.data.IdxSet;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The optional parts some tests need, found the way the program finds them. A test that needs one
 * calls its {@code assume…} method: without the part the test is reported as skipped with the
 * reason, never passed silently. {@code .ci/run} runs the suite once without them and once with
 * them installed, where nothing may be skipped.
 */
public final class OptionalParts {
  private OptionalParts() {}

  /**
   * The Fashion-MNIST folder, looked up as {@code --data fashion-mnist} looks it up ({@code
   * $GAKUSHU_DATA}, the cache, Debian's {@code dataset-fashion-mnist}); skips the test without it.
   */
  public static Path assumeFashionMnist() {
    Path folder = DataLocations.fromEnvironment(null).find(IdxSet.FASHION_MNIST);
    Assumptions.assumeTrue(
        folder != null,
        "Fashion-MNIST is not on this machine (apt-get install dataset-fashion-mnist, or"
            + " $GAKUSHU_DATA)");
    return folder;
  }

  /** A headless-capable Chromium on the PATH; skips the test without it. */
  public static Path assumeChromium() {
    Path found = onPath("chromium");
    Assumptions.assumeTrue(found != null, "Chromium is not on the PATH (apt-get install chromium)");
    return found;
  }

  /**
   * A Python with the {@code tensorboard} package: {@code $GAKUSHU_TENSORBOARD_PYTHON}, else {@code
   * python3}; skips the test without it.
   */
  public static String assumeTensorBoardPython() {
    String python = System.getenv().getOrDefault("GAKUSHU_TENSORBOARD_PYTHON", "python3");
    boolean found;
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import tensorboard")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      found = p.waitFor() == 0;
    } catch (java.io.IOException e) {
      found = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      found = false;
    }
    Assumptions.assumeTrue(
        found,
        "Python's tensorboard package is not importable by "
            + python
            + " (pip install tensorboard, and $GAKUSHU_TENSORBOARD_PYTHON naming that Python)");
    return python;
  }

  private static Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate)
          && Files.isExecutable(candidate)
          && sizeOf(candidate) > 0) {
        return candidate;
      }
    }
    return null;
  }

  /** A program hidden by binding /dev/null over it is a character device or empty. */
  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
