package dev.gakushu.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search on a Spark standalone cluster on this machine — a master and two workers, each a JVM of
 * its own started from the Maven artifacts (the test's class path), each worker starting an
 * executor JVM — survives losing a worker: one is killed with SIGKILL, with its executor, while
 * both run trials. Spark runs the lost trials again on the other worker; the journal holds every
 * trial exactly once, with the scores two local workers give.
 */
class StandaloneClusterTest {
  private static final String[] SEARCH = {
    "tune",
    "--data",
    "digits",
    "--hidden",
    "100",
    "--epochs",
    "6",
    "--trials",
    "10",
    "--seed",
    "11",
    "--space",
    "lr=log(1e-3,1)",
    "--space",
    "weight-decay=log(1e-8,1e-4)",
    "--scheduler",
    "asha"
  };

  @TempDir Path tmp;
  private final List<Process> cluster = new ArrayList<>();

  @AfterEach
  void stopCluster() {
    for (Process p : cluster) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    System.clearProperty("spark.driver.host");
    System.clearProperty("spark.executor.memory");
    System.clearProperty("spark.extraListeners");
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A JVM of the cluster, on the test's class path, with the options Spark needs. */
  private Process start(String name, String mainClass, String... args) throws IOException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dgakushu.gemmTuning=off");
    command.add("-Xmx256m");
    command.addAll(List.of(System.getProperty("cluster.java.options", "").trim().split("\\s+")));
    command.addAll(List.of("-cp", classPath, mainClass));
    command.addAll(List.of(args));
    Path sparkHome = tmp.resolve("spark-home");
    Files.createDirectories(sparkHome.resolve("jars"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve(name + ".log").toFile());
    // a worker builds its executors' class path from these: no jars of a Spark distribution,
    // the test's class path instead
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    builder.environment().put("SPARK_DIST_CLASSPATH", classPath);
    Process p = builder.start();
    cluster.add(p);
    return p;
  }

  /** The argument after {@code name} on a process's command line (Linux), if it has one. */
  private static String argumentAfter(ProcessHandle process, String name) {
    String[] args;
    try {
      args =
          new String(
                  Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                  StandardCharsets.UTF_8)
              .split("\0");
    } catch (IOException ended) {
      return null;
    }
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return null;
  }

  @Test
  void aSearchOutlivesAWorkerKilledMidSearch() throws Exception {
    Path local = tmp.resolve("local");
    Journals.gakushu(with(SEARCH, "--workers", "2", "--out", local.toString()));

    int port = freePort();
    String master = "spark://127.0.0.1:" + port;
    start(
        "master",
        "org.apache.spark.deploy.master.Master",
        "--host",
        "127.0.0.1",
        "--port",
        Integer.toString(port),
        "--webui-port",
        Integer.toString(freePort()));
    List<Process> workers = new ArrayList<>();
    for (int w = 1; w <= 2; w++) {
      workers.add(
          start(
              "worker" + w,
              "org.apache.spark.deploy.worker.Worker",
              "--host",
              "127.0.0.1",
              "--cores",
              "1",
              "--memory",
              "768m",
              "--webui-port",
              Integer.toString(freePort()),
              "--work-dir",
              tmp.resolve("work" + w).toString(),
              master));
    }
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.extraListeners", KillOnTaskStart.class.getName());
    System.setProperty("spark.executor.memory", "512m");
    Path spark = tmp.resolve("spark");
    CompletableFuture<String> search =
        CompletableFuture.supplyAsync(
            () ->
                Journals.gakushu(
                    with(
                        SEARCH,
                        "--executor",
                        "spark",
                        "--spark-master",
                        master,
                        "--out",
                        spark.toString())));

    // once trials are under way, kill a worker and its executor with SIGKILL the moment a task
    // starts on that executor
    Path journal = spark.resolve("journal.jsonl");
    while (!Files.exists(journal) || Journals.trials(spark).size() < 2) {
      assertThat(search).as("the search ended before the kill").isNotDone();
      Thread.sleep(200);
    }
    Process killed = workers.get(0);
    List<ProcessHandle> executors = killed.descendants().toList();
    String executorId =
        executors.stream()
            .map(p -> argumentAfter(p, "--executor-id"))
            .filter(id -> id != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("worker 1 started no executor"));
    List<ProcessHandle> victims = new ArrayList<>(executors);
    victims.add(killed.toHandle());
    KillOnTaskStart.arm(executorId, victims);
    assertThat(killed.waitFor(10, TimeUnit.MINUTES)).isTrue();

    String printed = search.get(20, TimeUnit.MINUTES);
    assertThat(printed).contains("on spark " + master);
    assertThat(Journals.trials(spark))
        .as("every trial once, with the scores of the local run")
        .hasSize(10)
        .isEqualTo(Journals.trials(local));
    assertThat(KillOnTaskStart.killed()).isTrue();
    assertThat(KillOnTaskStart.lostTasks())
        .as("tasks lost with the executor, run again on the other")
        .isPositive();
  }
}
