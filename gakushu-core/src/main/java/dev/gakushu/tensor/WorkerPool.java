package dev.gakushu.tensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A few daemon threads that run the parts of one job at a time, the calling thread taking part 0.
 * Workers spin for a short while after each part before parking, so that the many small products of
 * a training step do not each pay for waking a thread. The caller, done with its part, runs itself
 * every part that no worker has started yet, then spins as long for the others and then parks until
 * the last worker wakes it: on a busy machine a worker may not be running at all, and a caller that
 * spun on would keep its core from it.
 *
 * <p>A part is claimed by one thread only (a compare-and-set), so it runs once whoever runs it, and
 * a part computes the same whichever thread runs it. Taking the parts a worker has not started
 * keeps a job from waiting for a thread that the machine does not run: on the Sapphire Rapids
 * 2-vCPU with two low-priority builds on it, W1 at two threads ran at 19,000 samples/s, against
 * 122,000 at one, before this.
 */
final class WorkerPool {
  private static final long SPIN_NANOS = 200_000;
  private final Worker[] workers;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Throwable failure;
  private volatile boolean shutdown;

  /** The caller while it is parked waiting for the workers, else null. */
  private volatile Thread parkedCaller;

  private final java.util.concurrent.atomic.LongAdder workerParts =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder takenParts =
      new java.util.concurrent.atomic.LongAdder();

  private static final VarHandle JOB;

  static {
    try {
      JOB = MethodHandles.lookup().findVarHandle(Worker.class, "job", IntConsumer.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * @param threads total threads per job, the caller included
   */
  WorkerPool(int threads) {
    workers = new Worker[threads - 1];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Worker();
      Thread t = new Thread(workers[w]::loop, "gakushu-gemm-" + (w + 1));
      t.setDaemon(true);
      workers[w].thread = t;
      t.start();
    }
  }

  int threads() {
    return workers.length + 1;
  }

  /**
   * Runs {@code part.accept(w)} for w in [0, parts), w = 0 on the calling thread, and waits for
   * all.
   */
  void run(int parts, IntConsumer part) {
    if (parts > threads()) {
      throw new IllegalArgumentException(parts + " parts for " + threads() + " threads");
    }
    failure = null;
    pending.set(parts - 1);
    for (int w = 1; w < parts; w++) {
      workers[w - 1].submit(w, part);
    }
    try {
      part.accept(0);
      for (int w = 1; w < parts; w++) {
        workers[w - 1].runUnstarted();
      }
    } finally {
      awaitWorkers();
    }
    Throwable f = failure;
    if (f != null) {
      throw new IllegalStateException("a matrix-product worker failed", f);
    }
  }

  /**
   * Waits until every worker's part is done: spins for {@link #SPIN_NANOS}, then parks. The last
   * worker reads {@link #parkedCaller} after its decrement and the caller reads {@link #pending}
   * after publishing itself, so one of them always sees the other: the caller is never left parked.
   */
  private void awaitWorkers() {
    long spinStart = System.nanoTime();
    while (pending.get() != 0) {
      if (System.nanoTime() - spinStart < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        parkedCaller = Thread.currentThread();
        if (pending.get() != 0) {
          LockSupport.park(this);
        }
        parkedCaller = null;
      }
    }
  }

  /** How many parts the workers (not the caller) have run so far. */
  long partsRunByWorkers() {
    return workerParts.sum();
  }

  /** How many parts the caller has run for a worker that had not started them. */
  long partsTakenByCaller() {
    return takenParts.sum();
  }

  /** Runs a claimed part on this thread, then counts it done (waking the caller if the last). */
  private void runClaimed(IntConsumer j, int index) {
    try {
      j.accept(index);
    } catch (Throwable t) {
      failure = t;
    } finally {
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(parkedCaller);
      }
    }
  }

  /** Stops the workers once they are idle. */
  void shutdown() {
    shutdown = true;
    for (Worker w : workers) {
      LockSupport.unpark(w.thread);
    }
  }

  private final class Worker {
    private volatile IntConsumer job;
    private int index;
    private Thread thread;

    void submit(int partIndex, IntConsumer part) {
      index = partIndex;
      job = part;
      LockSupport.unpark(thread);
    }

    /** On the caller's thread: runs this worker's part if the worker has not claimed it. */
    void runUnstarted() {
      IntConsumer j = job;
      if (j != null && JOB.compareAndSet(this, j, null)) {
        takenParts.increment();
        runClaimed(j, index);
      }
    }

    void loop() {
      long idleSince = System.nanoTime();
      while (!shutdown) {
        IntConsumer j = job;
        if (j != null) {
          if (JOB.compareAndSet(this, j, null)) {
            workerParts.increment();
            runClaimed(j, index);
          }
          idleSince = System.nanoTime();
        } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
          idleSince = System.nanoTime();
        }
      }
    }
  }
}
