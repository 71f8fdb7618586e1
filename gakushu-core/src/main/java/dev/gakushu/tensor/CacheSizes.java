package dev.gakushu.tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The data cache sizes of one core, in bytes, which {@link GemmBlocking} sizes its blocks from.
 * Read from Linux's sysfs description of CPU 0's caches; where that is missing (another OS, a
 * container that hides it) typical sizes of a current x86 core are assumed: 32 KiB L1d, 512 KiB L2,
 * 8 MiB L3.
 */
record CacheSizes(int l1Data, int l2, int l3) {
  static final CacheSizes TYPICAL = new CacheSizes(32 << 10, 512 << 10, 8 << 20);

  /** This machine's caches, read once. */
  static final CacheSizes DETECTED = detect(Path.of("/sys/devices/system/cpu/cpu0/cache"));

  /**
   * Reads the {@code level}, {@code type} and {@code size} of each {@code index0}, {@code index1},
   * … entry (sysfs numbers them without gaps) under the given sysfs directory; instruction caches
   * are skipped, and a level it cannot read keeps its typical size.
   */
  static CacheSizes detect(Path directory) {
    int l1 = TYPICAL.l1Data;
    int l2 = TYPICAL.l2;
    int l3 = TYPICAL.l3;
    for (int index = 0; Files.isDirectory(directory.resolve("index" + index)); index++) {
      Path entry = directory.resolve("index" + index);
      try {
        if (Files.readString(entry.resolve("type")).trim().equals("Instruction")) {
          continue;
        }
        int level = Integer.parseInt(Files.readString(entry.resolve("level")).trim());
        int size = parseSize(Files.readString(entry.resolve("size")).trim());
        switch (level) {
          case 1 -> l1 = size;
          case 2 -> l2 = size;
          case 3 -> l3 = size;
          default -> {}
        }
      } catch (IOException | NumberFormatException e) {
        // a missing or unreadable entry leaves the typical size in place
      }
    }
    return new CacheSizes(l1, l2, l3);
  }

  /**
   * "48K", "1024K", "32M" or a plain number of bytes.
   *
   * @throws NumberFormatException if it is none of these, or not in [1, Integer.MAX_VALUE] bytes
   */
  static int parseSize(String text) {
    String t = text.toUpperCase(Locale.ROOT);
    int unit = 1;
    if (t.endsWith("K")) {
      unit = 1 << 10;
    } else if (t.endsWith("M")) {
      unit = 1 << 20;
    }
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    long bytes = Long.parseLong(digits) * unit;
    if (bytes < 1 || bytes > Integer.MAX_VALUE) {
      throw new NumberFormatException("not a cache size in bytes: " + text);
    }
    return (int) bytes;
  }
}
