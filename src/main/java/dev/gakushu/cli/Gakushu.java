package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.Version;
import dev.gakushu.tensor.GemmKernels;
import dev.gakushu.train.TrainingDivergedException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gakushu} command. Exit status: 0 success, 1 a failed check or an internal error, 2 bad
 * input (an option or a file), 3 training diverged.
 */
@Command(
    name = "gakushu",
    mixinStandardHelpOptions = true,
    versionProvider = Gakushu.VersionProvider.class,
    description = {
      "Trains neural networks with the techniques of chapter 6 of Deep Learning from Scratch."
    },
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      ExportCommand.class,
      TuneCommand.class,
      GradcheckCommand.class,
      ExperimentCommand.class,
      DatasetsCommand.class,
      BenchCommand.class,
      RunsCommand.class,
      DashboardCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Gakushu implements Runnable {
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_DIVERGED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    String fallback = GemmKernels.fallbackReason();
    if (fallback != null) {
      System.err.println("gakushu: note: " + fallback);
    }
    System.exit(
        execute(
            new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
            new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true),
            args));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Gakushu());
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("gakushu: " + oneLine(ex.getMessage()));
          return EXIT_BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          if (ex instanceof BadInputException) {
            err.println("gakushu: " + oneLine(ex.getMessage()));
            return EXIT_BAD_INPUT;
          }
          if (ex instanceof TrainingDivergedException) {
            err.println("gakushu: " + oneLine(ex.getMessage()));
            return EXIT_DIVERGED;
          }
          throw ex;
        });
    int status = cli.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** Reports the library's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String reason = GemmKernels.fallbackReason();
      return new String[] {
        "gakushu " + Version.get(),
        "Java " + System.getProperty("java.version"),
        "matrix kernel " + GemmKernels.defaultName() + (reason == null ? "" : " (" + reason + ")")
      };
    }
  }
}
