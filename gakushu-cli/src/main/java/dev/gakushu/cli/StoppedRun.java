package dev.gakushu.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one line a train or tune run prints when it stops before its end and can be resumed: asked to
 * (Ctrl-C, SIGTERM), or because the machine failed it (a full disk, a permission) after it had
 * started writing its folder.
 */
final class StoppedRun {
  private StoppedRun() {}

  /**
   * E.g. "interrupted after epoch 3; resume with: gakushu train --resume runs/x".
   *
   * @param resume the command that continues it
   */
  static String interrupted(String how, String resume) {
    return how + "; resume with: " + resume;
  }

  /**
   * Prints {@link #interrupted(String, String)} on the command's standard error.
   *
   * @return the exit status of an interrupted command
   */
  static int interrupted(CommandSpec spec, String how, String resume) {
    spec.commandLine().getErr().println("gakushu: " + interrupted(how, resume));
    return Gakushu.EXIT_INTERRUPTED;
  }

  /**
   * A failure of the environment after the run started: the folder, the cause ("no space left on
   * device") and the file being written, then how to go on.
   *
   * @param resume the command that continues it, or null when nothing can be resumed yet
   */
  static EnvironmentFailure failed(UncheckedIOException e, Path folder, String resume) {
    String what =
        e.getCause() instanceof FileSystemException fs && fs.getFile() != null
            ? "cannot write " + fs.getFile()
            : e.getMessage();
    return new EnvironmentFailure(
        folder
            + ": "
            + cause(e.getCause())
            + " ("
            + what
            + "); the files written before are intact"
            + (resume == null
                ? "; nothing to resume yet: start it again"
                : "; once that is fixed, resume with: " + resume),
        e);
  }

  /** The operating system's reason, e.g. "no space left on device". */
  static String cause(IOException e) {
    String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
    if (reason == null) {
      reason = e.getClass().getSimpleName();
    }
    return reason.isEmpty()
        ? reason
        : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
  }

  /**
   * The environment failed a command after it had started writing (exit status {@value
   * Gakushu#EXIT_ENVIRONMENT}); the message is the whole line to print.
   */
  static final class EnvironmentFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EnvironmentFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
