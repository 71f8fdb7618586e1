package dev.gakushu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a JVM of its own, as a user starts it, for tests that send it signals. It
 * starts with SIGINT and SIGTERM at their defaults ({@code env --default-signal}): a process
 * started in the background by a shell that is not interactive ignores SIGINT, and a JVM keeps a
 * signal ignored.
 */
final class ChildGakushu {
  private final Process process;
  private final Path log;

  private ChildGakushu(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * The command that starts the command line in a JVM of its own, with this test's class path and
   * the plain kernels: they give the vector kernels' bits, and asking for them skips the kernel
   * probe, which cost each child 0.7 s of its 1.8 s (with {@code gemmTuning=off} no verdict is
   * remembered).
   */
  static List<String> javaCommand() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dgakushu.gemmTuning=off",
        "-Dgakushu.kernel=plain",
        "--add-modules",
        "jdk.incubator.vector",
        "-cp",
        System.getProperty("java.class.path"),
        "dev.gakushu.cli.Gakushu");
  }

  /** Starts {@code gakushu args...}; its output and errors go to {@code log}. */
  static ChildGakushu start(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
    command.addAll(javaCommand());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildGakushu(p, log);
  }

  /** Polls until {@code ready} holds while the process runs (two minutes at most). */
  boolean await(Callable<Boolean> ready) throws Exception {
    return await(process, ready);
  }

  /** Polls every millisecond until {@code ready} holds or {@code p} ends; true if it held. */
  static boolean await(Process p, Callable<Boolean> ready) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (ready.call()) {
        return true;
      }
      Thread.sleep(1);
    }
    return false;
  }

  /** Sends {@code signal} ("INT", "TERM") with kill(1). */
  void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " failed");
    }
  }

  /** Waits for the end (two minutes at most) and returns the exit status. */
  int exitStatus() throws Exception {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("still running two minutes on: " + output());
    }
    return process.exitValue();
  }

  /** What it printed, without the JVM's note on the incubator module. */
  String output() throws IOException {
    return String.join(
        "\n",
        Files.readAllLines(log).stream().filter(l -> !l.contains("incubator modules")).toList());
  }
}
