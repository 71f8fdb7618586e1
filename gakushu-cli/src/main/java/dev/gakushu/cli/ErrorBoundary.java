package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import picocli.CommandLine;

/**
 * The command line's one error boundary: bad input ({@link BadInputException}, a picocli parameter
 * error) prints one line and exits {@value Gakushu#EXIT_BAD_INPUT}; diverged training exits {@value
 * Gakushu#EXIT_DIVERGED}; a file that cannot be read or written, or memory running out, prints one
 * line and exits {@value Gakushu#EXIT_ENVIRONMENT}; anything else is a bug, whose stack trace goes
 * to a crash report file (see {@link CrashReport}), never to the terminal.
 */
final class ErrorBoundary {
  private ErrorBoundary() {}

  /**
   * Runs {@code cli} on {@code args} behind the boundary, errors on {@code err}; the exit status.
   */
  static int execute(CommandLine cli, PrintWriter err, String... args) {
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("gakushu: " + oneLine(ex.getMessage()));
          String suggestion = suggestion(ex);
          if (!suggestion.isEmpty()) {
            err.println("gakushu: " + suggestion);
          }
          return Gakushu.EXIT_BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof BadInputException) {
            err.println("gakushu: " + oneLine(ex.getMessage()));
            return Gakushu.EXIT_BAD_INPUT;
          }
          if (ex instanceof TrainingDivergedException) {
            err.println("gakushu: " + oneLine(ex.getMessage()));
            return Gakushu.EXIT_DIVERGED;
          }
          if (ex instanceof StoppedRun.EnvironmentFailure failure) {
            err.println("gakushu: " + oneLine(failure.getMessage()));
            return Gakushu.EXIT_ENVIRONMENT;
          }
          if (ex instanceof UncheckedIOException io) {
            err.println(
                "gakushu: " + oneLine(io.getMessage() + " (" + describe(io.getCause()) + ")"));
            return Gakushu.EXIT_ENVIRONMENT;
          }
          if (ex instanceof IOException io) {
            err.println("gakushu: " + oneLine(describe(io)));
            return Gakushu.EXIT_ENVIRONMENT;
          }
          err.println("gakushu: " + CrashReport.write(ex, List.of(args)));
          return Gakushu.EXIT_INTERNAL;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      err.println(
          "gakushu: out of memory ("
              + oneLine(e.getMessage())
              + "); the input needs more than this JVM's "
              + (Runtime.getRuntime().maxMemory() >> 20)
              + " MiB heap");
      return Gakushu.EXIT_ENVIRONMENT;
    } catch (RuntimeException | Error e) {
      err.println("gakushu: " + CrashReport.write(e, List.of(args)));
      return Gakushu.EXIT_INTERNAL;
    }
  }

  /**
   * Picocli's suggestion for a misspelt option or command ("Possible solutions: --optimizer", "Did
   * you mean: gakushu train?") as one line, or empty when it has none.
   */
  private static String suggestion(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched)) {
      return "";
    }
    StringWriter text = new StringWriter();
    CommandLine.UnmatchedArgumentException.printSuggestions(unmatched, new PrintWriter(text));
    return oneLine(text.toString());
  }

  /** An I/O failure (a full disk, a folder that cannot be written): the file and the reason. */
  private static String describe(IOException e) {
    return e instanceof NoSuchFileException
        ? "no such file or folder: " + e.getMessage()
        : e instanceof AccessDeniedException
            ? "permission denied: " + e.getMessage()
            : e instanceof FileSystemException ? e.getMessage() : StoppedRun.cause(e);
  }

  /** {@code message} on one line: its line breaks as "; ". */
  static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
