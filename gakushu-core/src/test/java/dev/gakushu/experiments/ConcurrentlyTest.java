package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {
  /** Jobs that report the product threads they were given, each under its own number. */
  private static List<Concurrently.Job<String>> jobs(int n) {
    List<Concurrently.Job<String>> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int number = i;
      jobs.add(productThreads -> number + ":" + productThreads);
    }
    return jobs;
  }

  @Test
  void theResultsComeInTheJobsOrderAndTheThreadsAreSharedWithoutOversubscription() {
    assertThat(Concurrently.run(2, jobs(6)))
        .containsExactly("0:1", "1:1", "2:1", "3:1", "4:1", "5:1");
    assertThat(Concurrently.run(4, jobs(2))).containsExactly("0:2", "1:2");
    assertThat(Concurrently.run(5, jobs(2))).containsExactly("0:2", "1:2");
    assertThat(Concurrently.run(3, jobs(1))).containsExactly("0:3");
    assertThat(Concurrently.run(1, jobs(3))).containsExactly("0:1", "1:1", "2:1");
    assertThat(Concurrently.run(2, jobs(0))).isEmpty();
  }

  @Test
  void aMapOfJobsGivesEachResultUnderItsKeyInTheMapsOrder() {
    Map<String, Concurrently.Job<Integer>> jobs = new LinkedHashMap<>();
    for (String key : List.of("sgd", "momentum", "adagrad", "adam")) {
      jobs.put(key, productThreads -> key.length() * 10 + productThreads);
    }
    assertThat(Concurrently.run(2, jobs))
        .containsExactly(
            Map.entry("sgd", 31),
            Map.entry("momentum", 81),
            Map.entry("adagrad", 71),
            Map.entry("adam", 41));
  }

  @Test
  void asManyJobsRunAtOnceAsThereAreThreads() throws InterruptedException {
    CountDownLatch bothStarted = new CountDownLatch(2);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    List<Concurrently.Job<Boolean>> jobs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      jobs.add(
          productThreads -> {
            threads.add(Thread.currentThread());
            bothStarted.countDown();
            try {
              // each job waits for the other: with one job at a time this would not end in time
              return bothStarted.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          });
    }
    assertThat(Concurrently.run(2, jobs)).containsExactly(true, true);
    assertThat(threads).hasSize(2).allMatch(t -> t.getName().equals("gakushu-experiment"));
  }

  @Test
  void theFirstFailureInTheJobsOrderIsRethrown() {
    List<Concurrently.Job<String>> jobs = new ArrayList<>(jobs(3));
    jobs.add(
        1,
        productThreads -> {
          throw new IllegalArgumentException("the second job failed");
        });
    jobs.add(
        productThreads -> {
          throw new IllegalStateException("the last job failed");
        });
    assertThatThrownBy(() -> Concurrently.run(2, jobs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the second job failed");
    assertThatThrownBy(() -> Concurrently.run(0, jobs(2)))
        .hasMessageContaining("threads must be at least 1, was 0");
  }
}
