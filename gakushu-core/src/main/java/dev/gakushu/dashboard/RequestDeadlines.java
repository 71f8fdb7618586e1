package dev.gakushu.dashboard;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The HTTP server's {@value #THREADS} threads, each given a number of seconds ({@value #SECONDS} by
 * default) to receive a request's line and headers. The JDK's server reads them on the thread that
 * then runs the handler, and waits for them forever: a few clients sending a request slowly would
 * hold every thread. A thread still waiting past its deadline is interrupted, which closes that
 * connection (its blocking channel is interruptible), and logged once.
 */
final class RequestDeadlines implements Executor, AutoCloseable {
  static final int THREADS = 4;
  static final long SECONDS = 5;

  private final ExecutorService pool;
  private final ScheduledExecutorService clock;
  private final Consumer<String> log;
  private final long seconds;
  private final Map<Thread, Long> deadlines = new ConcurrentHashMap<>();

  RequestDeadlines(String threadName, long seconds, Consumer<String> log) {
    this.pool = Executors.newFixedThreadPool(THREADS, EventHub.named(threadName));
    this.clock = Executors.newSingleThreadScheduledExecutor(EventHub.named(threadName + "-clock"));
    this.log = log;
    this.seconds = seconds;
    var unused = clock.scheduleWithFixedDelay(this::expire, 100, 100, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable exchange) {
    pool.execute(
        () -> {
          deadlines.put(Thread.currentThread(), System.nanoTime() + seconds * 1_000_000_000);
          try {
            exchange.run();
          } finally {
            arrived();
          }
        });
  }

  /** Says that the current thread's request has arrived whole (its handler runs). */
  synchronized void arrived() {
    deadlines.remove(Thread.currentThread());
  }

  private synchronized void expire() {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<Thread, Long>> i = deadlines.entrySet().iterator(); i.hasNext(); ) {
      Map.Entry<Thread, Long> d = i.next();
      if (now - d.getValue() > 0) {
        i.remove();
        d.getKey().interrupt();
        log.accept("closed a connection that sent no complete request in " + seconds + " s");
      }
    }
  }

  @Override
  public void close() {
    clock.shutdownNow();
    pool.shutdownNow();
  }
}
