package dev.gakushu.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one poller behind every event stream. Every {@value #TICK_MILLIS} ms it reads each watched
 * run's files once (see {@link Watch}) and fans the new lines out; every {@value #RUNS_EVERY_TICKS}
 * ticks it walks the runs folder once for everybody and sends the list when it changed. At most
 * {@value #MAX_STREAMS} streams are open at once, each written by one thread of a pool of that
 * size; threads in all: this poller, that pool, one worker that computes searches' importance
 * ({@link LiveImportance}) and the HTTP server's fixed pool.
 */
final class EventHub implements AutoCloseable {
  static final int MAX_STREAMS = 32;
  static final long TICK_MILLIS = 250;
  private static final int RUNS_EVERY_TICKS = 4;

  private final RunsFolder folder;
  private final Consumer<String> log;
  private final Semaphore slots = new Semaphore(MAX_STREAMS);
  private final ScheduledExecutorService poller;
  private final ThreadPoolExecutor writers;
  private final ExecutorService importance;
  private final Queue<EventStream> joining = new ConcurrentLinkedQueue<>();
  private final List<EventStream> streams = new ArrayList<>();
  private final Map<Path, Watch> watches = new HashMap<>();
  private String runs;
  private long tick;
  private String lastFailure;

  EventHub(RunsFolder folder, Consumer<String> log) {
    this.folder = folder;
    this.log = log;
    poller = Executors.newSingleThreadScheduledExecutor(named("gakushu-dashboard-poller"));
    writers =
        new ThreadPoolExecutor(
            MAX_STREAMS,
            MAX_STREAMS,
            10,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            named("gakushu-dashboard-stream"));
    writers.allowCoreThreadTimeOut(true);
    importance = Executors.newSingleThreadExecutor(named("gakushu-dashboard-importance"));
    var unused =
        poller.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** Takes a slot for a new stream; false when {@value #MAX_STREAMS} are open. */
  boolean reserve() {
    return slots.tryAcquire();
  }

  /** Gives back a slot taken by {@link #reserve} for a stream that did not start. */
  void release() {
    slots.release();
  }

  /** Starts a stream in a slot taken by {@link #reserve}; it joins at the next tick. */
  void start(EventStream s) {
    joining.add(s);
    writers.execute(
        () -> {
          try {
            s.run();
          } finally {
            slots.release();
          }
        });
  }

  /** The streams open now. */
  int open() {
    return MAX_STREAMS - slots.availablePermits();
  }

  private void tick() {
    try {
      for (EventStream s = joining.poll(); s != null; s = joining.poll()) {
        join(s);
      }
      streams.removeIf(EventStream::isClosed);
      for (Watch w : watches.values()) {
        w.poll();
      }
      watches.values().removeIf(Watch::isEmpty);
      if (++tick % RUNS_EVERY_TICKS == 0 && !streams.isEmpty()) {
        String now = RunJson.runs(folder).toString();
        if (!now.equals(runs)) {
          runs = now;
          streams.forEach(s -> s.send("runs", now));
        }
      }
      lastFailure = null;
    } catch (Exception e) {
      // the next tick tries again; say it once
      if (!e.toString().equals(lastFailure)) {
        lastFailure = e.toString();
        log.accept("reading the runs failed: " + e);
      }
    }
  }

  private void join(EventStream s) throws java.io.IOException {
    streams.add(s);
    if (s.dir != null) {
      Watch w = watches.get(s.dir);
      if (w == null) {
        w = new Watch(folder, s, importance, log);
        watches.put(s.dir, w);
      }
      w.add(s);
    }
    if (runs == null) {
      runs = RunJson.runs(folder).toString();
    }
    s.send("runs", runs);
  }

  @Override
  public void close() {
    poller.shutdownNow();
    writers.shutdownNow();
    importance.shutdownNow();
  }
}
