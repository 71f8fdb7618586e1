package dev.gakushu.cli;

import dev.gakushu.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An internal error (a bug, not bad input): its stack trace goes to a file of its own in the
 * temporary folder, and the terminal gets one line naming the error and that file.
 */
final class CrashReport {
  private CrashReport() {}

  /** Writes the report and returns the one line to print. */
  static String write(Throwable error, List<String> args) {
    String summary =
        error.getClass().getSimpleName()
            + (error.getMessage() == null ? "" : ": " + firstLine(error.getMessage()));
    try {
      Path file = Files.createTempFile("gakushu-crash-", ".txt");
      StringWriter trace = new StringWriter();
      error.printStackTrace(new PrintWriter(trace));
      String text =
          "gakushu "
              + Version.get()
              + ", Java "
              + System.getProperty("java.version")
              + ", "
              + Instant.now()
              + "\narguments: "
              + args
              + "\n\n"
              + trace;
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return "internal error (" + summary + "); please report it with " + file;
    } catch (IOException | RuntimeException e) {
      return "internal error (" + summary + "); no crash report could be written (" + e + ")";
    }
  }

  private static String firstLine(String message) {
    return message.lines().findFirst().orElse("").strip();
  }
}
