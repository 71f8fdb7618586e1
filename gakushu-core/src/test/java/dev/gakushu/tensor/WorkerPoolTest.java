package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  @Test
  void eachPartRunsOnceTheFirstOnTheCallerTheOthersOnTheirDaemonWorkerOrTheCaller() {
    WorkerPool pool = new WorkerPool(3);
    assertThat(pool.threads()).isEqualTo(3);
    AtomicReferenceArray<Thread> ranOn = new AtomicReferenceArray<>(3);
    pool.run(3, w -> assertThat(ranOn.getAndSet(w, Thread.currentThread())).isNull());
    assertThat(ranOn.get(0)).isSameAs(Thread.currentThread());
    int onWorkers = 0;
    for (int w = 1; w < 3; w++) {
      Thread t = ranOn.get(w);
      if (t != Thread.currentThread()) {
        assertThat(t.isDaemon())
            .as("worker %d is a daemon (it never keeps the JVM alive)", w)
            .isTrue();
        assertThat(t.getName()).isEqualTo("gakushu-gemm-" + w);
        onWorkers++;
      }
    }
    assertThat(pool.partsRunByWorkers()).isEqualTo(onWorkers);
    assertThat(pool.partsRunByWorkers() + pool.partsTakenByCaller()).isEqualTo(2);
    pool.run(2, w -> {});
    assertThat(pool.partsRunByWorkers() + pool.partsTakenByCaller()).isEqualTo(3);
    pool.shutdown();
  }

  @Test
  void theCallerRunsAPartThatNoWorkerStarts() throws InterruptedException {
    WorkerPool pool = new WorkerPool(2);
    Thread worker = workerThread(pool);
    pool.shutdown();
    worker.join(60_000);
    assertThat(worker.isAlive()).isFalse();
    // its worker has ended: the job ends all the same, part 1 run by the caller
    long taken = pool.partsTakenByCaller();
    AtomicReferenceArray<Thread> ranOn = new AtomicReferenceArray<>(2);
    pool.run(2, w -> ranOn.set(w, Thread.currentThread()));
    assertThat(ranOn.get(1)).isSameAs(Thread.currentThread());
    assertThat(pool.partsTakenByCaller()).isEqualTo(taken + 1);
  }

  @Test
  void aJobOfMorePartsThanThreadsIsRefused() {
    WorkerPool pool = new WorkerPool(2);
    assertThatThrownBy(() -> pool.run(3, w -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("3 parts for 2 threads");
    pool.run(1, w -> {});
    assertThat(pool.partsRunByWorkers()).isZero();
    assertThat(new WorkerPool(1).threads()).isEqualTo(1);
    pool.shutdown();
  }

  @Test
  void aWorkersFailureReachesTheCaller() {
    WorkerPool pool = new WorkerPool(2);
    IllegalArgumentException cause = new IllegalArgumentException("part 1");
    assertThatThrownBy(
            () ->
                pool.run(
                    2,
                    w -> {
                      if (w == 1) {
                        throw cause;
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasCause(cause);
    // the pool stays usable
    pool.run(2, w -> {});
    pool.shutdown();
  }

  @Test
  void aCallerWaitingForASlowWorkerParksAndIsWokenWhenItEnds() throws InterruptedException {
    WorkerPool pool = new WorkerPool(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean workerStarted = new AtomicBoolean();
    AtomicBoolean workerDone = new AtomicBoolean();
    AtomicBoolean callerSawWorkerDone = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              pool.run(
                  2,
                  w -> {
                    if (w == 1) {
                      workerStarted.set(true);
                      awaitUninterruptibly(release);
                      workerDone.set(true);
                    } else {
                      // so that the worker, not the caller, runs part 1
                      while (!workerStarted.get()) {
                        Thread.onSpinWait();
                      }
                    }
                  });
              callerSawWorkerDone.set(workerDone.get());
            });
    caller.setDaemon(true);
    caller.start();
    // the worker holds its part: after its spin the caller must park, not keep its core busy
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(caller.getState()).as("the waiting caller parks").isEqualTo(Thread.State.WAITING);
    release.countDown();
    caller.join(60_000);
    assertThat(caller.isAlive()).as("the last worker wakes the parked caller").isFalse();
    assertThat(callerSawWorkerDone).isTrue();
    pool.shutdown();
  }

  /**
   * The pool's worker (of 2 threads), from a job whose part 0 waits until part 1 has run: the
   * caller cannot take part 1 before its own part ends, so the worker runs it.
   */
  static Thread workerThread(WorkerPool pool) {
    AtomicReferenceArray<Thread> ranOn = new AtomicReferenceArray<>(2);
    pool.run(
        2,
        w -> {
          if (w == 1) {
            ranOn.set(1, Thread.currentThread());
          } else {
            while (ranOn.get(1) == null) {
              Thread.onSpinWait();
            }
          }
        });
    Thread worker = ranOn.get(1);
    assertThat(worker).isNotSameAs(Thread.currentThread());
    assertThat(worker.getName()).isEqualTo("gakushu-gemm-1");
    assertThat(worker.isDaemon()).as("the worker never keeps the JVM alive").isTrue();
    return worker;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shutdownEndsParkedWorkers() throws InterruptedException {
    WorkerPool pool = new WorkerPool(2);
    Thread worker = workerThread(pool);
    // after its spin the idle worker parks; shutdown must wake it to let it end
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (worker.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(worker.getState()).isEqualTo(Thread.State.WAITING);
    pool.shutdown();
    worker.join(60_000);
    assertThat(worker.isAlive()).isFalse();
  }
}
