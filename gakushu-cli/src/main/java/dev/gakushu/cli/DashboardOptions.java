package dev.gakushu.cli;

import dev.gakushu.Range;
import dev.gakushu.dashboard.DashboardServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** train --dashboard and tune --dashboard: the dashboard served by the training process. */
final class DashboardOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--dashboard",
      description =
          "Serve the live dashboard over the folder the run is written to while this command runs "
              + "(see gakushu dashboard).")
  boolean dashboard;

  @Option(
      names = "--dashboard-port",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "The dashboard's port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  void validate() {
    checkPort(spec, "--dashboard-port", port);
  }

  static void checkPort(CommandSpec spec, String option, int port) {
    if (!Range.PORT.holds(port)) {
      throw Checks.invalid(spec, option, port, Range.PORT.expected());
    }
  }

  /** The dashboard's log lines (refused requests, skipped file lines) on standard error. */
  static Consumer<String> log(CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    return line -> {
      synchronized (err) {
        err.println("dashboard: " + line);
        err.flush();
      }
    };
  }

  /**
   * Starts the dashboard over the folder that holds {@code runDir} and prints its address, when
   * --dashboard was given; otherwise returns null.
   */
  DashboardServer start(Path runDir, PrintWriter out) {
    if (!dashboard) {
      return null;
    }
    Path parent = runDir.toAbsolutePath().getParent();
    DashboardServer server = DashboardServer.start(parent, port, log(spec));
    out.println("dashboard: " + server.url());
    out.flush();
    return server;
  }
}
