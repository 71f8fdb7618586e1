package dev.gakushu.cli;

import dev.gakushu.dashboard.DashboardServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "dashboard",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu dashboard --runs runs --port 8080",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves a live web page over every run and search in a folder, on 127.0.0.1 only;",
      "open the address it prints, which holds the token its API requires.",
      "Curves, learning rate, per-layer histograms and update ratios; a search's trials and scatter.",
      "Updates are pushed as the runs write their files. Stop it with Ctrl-C."
    })
final class DashboardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--runs",
      defaultValue = "runs",
      paramLabel = "DIR",
      description = "The folder of runs and searches (default: ${DEFAULT-VALUE}).")
  Path runs;

  @Option(
      names = "--port",
      defaultValue = "0",
      paramLabel = "N",
      description = "The port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    DashboardOptions.checkPort(spec, "--port", port);
    DashboardServer server = DashboardServer.start(runs, port, DashboardOptions.log(spec));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    PrintWriter out = spec.commandLine().getOut();
    out.println("dashboard: " + server.url());
    out.flush();
    new CountDownLatch(1).await();
    return 0;
  }
}
