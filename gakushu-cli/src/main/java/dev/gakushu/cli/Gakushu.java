package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.Version;
import dev.gakushu.tensor.GemmKernels;
import dev.gakushu.tensor.GemmTuning;
import dev.gakushu.tensor.KernelChoice;
import dev.gakushu.tensor.VectorBitsProperty;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code gakushu} command. Exit status: 0 success, 1 a failed check or an internal error, 2 bad
 * input (an option or a file, found before anything is written), 3 training diverged, 74 the
 * environment failed (a full disk, a permission, out of memory; EX_IOERR of sysexits.h), 130
 * interrupted by Ctrl-C (143 by SIGTERM, which the JVM sets).
 *
 * <p>Commands run behind one error boundary, {@link ErrorBoundary}: bad input prints one line, a
 * bug goes to a crash report file, never to the terminal.
 */
@Command(
    name = "gakushu",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu train --epochs 5 --out runs/digits",
      "  gakushu train --help",
      "  gakushu help tune",
    },
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
      LrFindCommand.class,
      GradcheckCommand.class,
      ExperimentCommand.class,
      DatasetsCommand.class,
      BenchCommand.class,
      FingerprintCommand.class,
      RunsCommand.class,
      DashboardCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Gakushu implements Runnable {
  public static final int EXIT_BAD_INPUT = 2;
  public static final int EXIT_DIVERGED = 3;
  public static final int EXIT_INTERNAL = 1;
  public static final int EXIT_ENVIRONMENT = 74;
  public static final int EXIT_INTERRUPTED = 130;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (!GemmKernels.vectorAvailable()) {
      // the one reason for the plain kernels that the user can remedy (not probed: cheap)
      System.err.println(
          "gakushu: note: the JVM lacks jdk.incubator.vector (start it with --add-modules"
              + " jdk.incubator.vector, as ./gakushu does); using the plain-Java kernels");
    }
    System.exit(
        execute(
            new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
            new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true),
            args));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(new Gakushu(), out, err, args);
  }

  /** Runs {@code command} (a picocli command) behind this command line's error boundary. */
  static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
    try {
      VectorBitsProperty.requested(); // before any kernel reads it, in a static initialiser
      KernelChoice.checkProperty();
      GemmTuning.checkProperty();
    } catch (BadInputException e) {
      err.println("gakushu: " + ErrorBoundary.oneLine(e.getMessage()));
      err.flush();
      return EXIT_BAD_INPUT;
    }
    CommandLine cli = new CommandLine(command);
    HelpTopics.install(cli);
    cli.setOut(out);
    cli.setErr(err);
    CommandLine help = cli.getSubcommands().get("help");
    if (help != null) { // picocli's own help command, which has no examples of its own
      help.getCommandSpec()
          .usageMessage()
          .footerHeading("%nExamples:%n")
          .footer("  gakushu help train");
    }
    int status = ErrorBoundary.execute(cli, err, args);
    out.flush();
    err.flush();
    return status;
  }

  /**
   * Where a command's warnings go (a figure that could not be drawn): one line each on {@code err},
   * after "warning: ".
   */
  static Consumer<String> warnings(PrintWriter err) {
    return warning -> {
      err.println("warning: " + warning);
      err.flush();
    };
  }

  /** Reports the library's version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "gakushu " + Version.get(),
        "Java " + System.getProperty("java.version"),
        "kernels: " + KernelChoice.current().description(),
        "matrix kernel " + GemmKernels.defaultName()
      };
    }
  }
}
