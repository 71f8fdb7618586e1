package dev.gakushu.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the independent networks of a comparison at once: with t threads and n networks, min(t, n)
 * of them at a time, each network's matrix products on ⌊t / min(t, n)⌋ threads, so that the cores
 * are busy and not oversubscribed (one network alone gets all t threads). Each network keeps its
 * own seeds and batches and does the same floating-point operations in the same order whatever runs
 * beside it (the matrix products give the same bits for any thread count), so the results are those
 * of one network after the other, for any thread count.
 */
final class Concurrently {
  private Concurrently() {}

  /** One network's work, given the threads its matrix products may use. */
  @FunctionalInterface
  interface Job<T> {
    T run(int productThreads);
  }

  /** The result of each job of {@code jobs} under its key, in the map's order, run as below. */
  static <K, T> Map<K, T> run(int threads, Map<K, ? extends Job<T>> jobs) {
    List<T> results = run(threads, List.copyOf(jobs.values()));
    Map<K, T> byKey = new LinkedHashMap<>();
    int i = 0;
    for (K key : jobs.keySet()) {
      byKey.put(key, results.get(i++));
    }
    return byKey;
  }

  /**
   * The results of {@code jobs}, in their order, run on {@code threads} threads as above; a job's
   * failure is rethrown (the first one in order) once every job has ended.
   */
  static <T> List<T> run(int threads, List<? extends Job<T>> jobs) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    int atOnce = Math.max(1, Math.min(threads, jobs.size()));
    int productThreads = threads / atOnce;
    List<T> results = new ArrayList<>(jobs.size());
    if (atOnce == 1) {
      for (Job<T> job : jobs) {
        results.add(job.run(productThreads));
      }
      return results;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            atOnce,
            r -> {
              Thread t = new Thread(r, "gakushu-experiment");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> futures = new ArrayList<>(jobs.size());
      for (Job<T> job : jobs) {
        futures.add(pool.submit(() -> job.run(productThreads)));
      }
      Throwable failure = null;
      for (Future<T> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
        }
      }
      if (failure != null) {
        throw asUnchecked(failure);
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the networks of a comparison ran", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code cause} as it is when unchecked (an error is thrown), else wrapped. */
  private static RuntimeException asUnchecked(Throwable cause) {
    if (cause instanceof Error e) {
      throw e;
    }
    return cause instanceof RuntimeException r
        ? r
        : new IllegalStateException("a network of the comparison failed", cause);
  }
}
