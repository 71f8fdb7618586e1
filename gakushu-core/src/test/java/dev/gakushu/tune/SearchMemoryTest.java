package dev.gakushu.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.Split;
import dev.gakushu.spec.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A trial's network and buffers are released when it ends: the heap does not grow with the trials.
 */
class SearchMemoryTest {
  private static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void manyTrialsLeaveTheHeapFlat() throws Exception {
    Split split = Split.stratified(EmbeddedDigits.load(), 0.2, 0.2, 1);
    split.standardizeInPlace();
    RunSpec base = RunSpec.builder().optimizer("sgd").batchSize(100).epochs(1).threads(1).build();
    SearchSpace space =
        SearchSpace.parse(List.of("lr=log(1e-3,1e-1)", "hidden=choice(100,200)"), base);
    Path dir = Files.createTempDirectory("search-memory");
    Search search =
        new Search(
            new Search.Settings("digits", space, base, "random", 5),
            split.train(),
            split.validation(),
            dir);
    search.run(15, 2, Search.LOCAL, r -> {});
    long after15 = usedAfterGc();
    search.run(75, 2, Search.LOCAL, r -> {});
    long after75 = usedAfterGc();
    // 60 more trials of networks of up to 53,000 weights (and their Adam-free SGD state): leaking
    // them would hold
    // well over 8 MiB; the finished trials' results (a few numbers each) are all that may stay
    assertThat(after75 - after15).isLessThan(8L << 20);
  }
}
