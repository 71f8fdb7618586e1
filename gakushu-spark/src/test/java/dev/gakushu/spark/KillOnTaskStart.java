package dev.gakushu.spark;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * A Spark listener ({@code spark.extraListeners}) for {@link StandaloneClusterTest}: once armed, it
 * kills the given processes with SIGKILL the moment a task starts on the given executor, so that
 * the executor is lost while it runs a trial; it counts the tasks lost with their executor.
 */
public final class KillOnTaskStart extends SparkListener {
  private static volatile String executor;
  private static volatile List<ProcessHandle> victims = List.of();
  private static final AtomicBoolean KILLED = new AtomicBoolean();
  private static final AtomicInteger LOST = new AtomicInteger();

  static void arm(String executorId, List<ProcessHandle> processes) {
    victims = List.copyOf(processes);
    executor = executorId;
  }

  static boolean killed() {
    return KILLED.get();
  }

  static int lostTasks() {
    return LOST.get();
  }

  @Override
  public void onTaskStart(SparkListenerTaskStart start) {
    if (start.taskInfo().executorId().equals(executor) && KILLED.compareAndSet(false, true)) {
      victims.forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.reason() instanceof ExecutorLostFailure) {
      LOST.incrementAndGet();
    }
  }
}
