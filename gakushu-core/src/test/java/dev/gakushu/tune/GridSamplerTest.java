package dev.gakushu.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gakushu.BadInputException;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The grid sampler: every point of the grid of a space's choice and int dimensions exactly once, in
 * the fixed order of a product whose last dimension varies fastest, then the search ends; the
 * search's best is the argmax of the scores, the earlier trial on a tie.
 */
class GridSamplerTest {
  private static final RunSpec BASE =
      RunSpec.builder().data("digits").hidden(8).epochs(1).batchSize(10).build();
  private static final Dataset ROWS =
      EmbeddedDigits.load().subset("rows", IntStream.range(0, 20).toArray());

  @Provide
  Arbitrary<List<String>> spaces() {
    Arbitrary<String> hidden =
        Arbitraries.of(4, 8, 16, 32)
            .set()
            .ofMinSize(1)
            .map(
                s ->
                    "hidden=choice("
                        + String.join(",", s.stream().map(String::valueOf).toList())
                        + ")");
    Arbitrary<String> batch =
        Arbitraries.integers()
            .between(1, 40)
            .flatMap(
                a ->
                    Arbitraries.integers()
                        .between(a, a + 4)
                        .map(b -> "batch-size=int(" + a + "," + b + ")"));
    Arbitrary<String> dropout =
        Arbitraries.of("0", "0.1", "0.2", "0.3")
            .set()
            .ofMinSize(1)
            .map(s -> "dropout=choice(" + String.join(",", s) + ")");
    return Combinators.combine(hidden, batch, dropout, Arbitraries.integers().between(1, 7))
        .as(
            (h, b, d, mask) -> {
              List<String> all = List.of(h, b, d);
              List<String> chosen = new ArrayList<>();
              for (int i = 0; i < 3; i++) {
                if ((mask & (1 << i)) != 0) {
                  chosen.add(all.get(i));
                }
              }
              return chosen;
            });
  }

  /** The grid as the test enumerates it: the product of the values, the last varying fastest. */
  private static List<Map<String, Object>> expectedGrid(SearchSpace space) {
    List<Map<String, Object>> grid = new ArrayList<>();
    grid.add(new LinkedHashMap<>());
    for (SearchSpace.Dimension d : space.dimensions()) {
      List<Object> values = new ArrayList<>();
      if (d.kind().equals("int")) {
        for (long v = Long.parseLong(d.arguments().get(0));
            v <= Long.parseLong(d.arguments().get(1));
            v++) {
          values.add(v);
        }
      } else {
        values.addAll(d.arguments());
      }
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> point : grid) {
        for (Object v : values) {
          Map<String, Object> p = new LinkedHashMap<>(point);
          p.put(d.name(), v);
          next.add(p);
        }
      }
      grid = next;
    }
    return grid;
  }

  @Property(tries = 200)
  void everyPointOfTheGridIsVisitedOnceInItsOrder(@ForAll("spaces") List<String> dims) {
    SearchSpace space = SearchSpace.parse(dims, BASE);
    GridSampler grid = new GridSampler(space);
    int points = GridSampler.points(space);
    List<Map<String, Object>> visited = new ArrayList<>();
    for (int n = 0; n < points; n++) {
      visited.add(grid.propose(n, null));
    }
    assertThat(new HashSet<>(visited)).hasSize(points);
    assertThat(visited).isEqualTo(expectedGrid(space));
    assertThatThrownBy(() -> grid.propose(points, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A score with many ties: a function of the trial's settings only. */
  private static double score(RunSpec spec) {
    int h = spec.network().hidden().get(0);
    int b = spec.loop().batchSize();
    int d = (int) Math.round(spec.network().dropout() * 10);
    return ((h / 4 + 7 * b + 3 * d) % 4) / 4.0;
  }

  @Property(tries = 40)
  void theSearchRunsTheGridOnceAndItsBestIsTheArgmax(@ForAll("spaces") List<String> dims)
      throws IOException {
    SearchSpace space = SearchSpace.parse(dims, BASE);
    Search.Settings settings =
        new Search.Settings("rows", space, BASE, "random", 3, SamplerSettings.GRID);
    int points = GridSampler.points(space);
    assertThat(settings.trials(points + 5)).isEqualTo(points);
    assertThat(settings.trials(1)).isEqualTo(1);
    Path dir = Files.createTempDirectory("grid");
    List<TrialResult> ranked;
    try {
      ranked =
          new Search(settings, ROWS, ROWS, dir)
              .run(
                  points + 5,
                  2,
                  Search.local(
                      (task, train, validation, threads) ->
                          new TrialOutcome(
                              task.trial(),
                              List.of(score(task.spec())),
                              List.of(0.5),
                              TrialOutcome.COMPLETED,
                              threads,
                              new byte[0])),
                  r -> {});
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    List<Map<String, Object>> grid = expectedGrid(space);
    assertThat(ranked).hasSize(points);
    assertThat(ranked.stream().map(TrialResult::trial).sorted().toList())
        .isEqualTo(IntStream.range(0, points).boxed().toList());
    int argmax = 0;
    double[] scores = new double[points];
    for (int n = 0; n < points; n++) {
      scores[n] = score(Search.trialSpec(BASE, grid.get(n)));
      if (scores[n] > scores[argmax]) {
        argmax = n;
      }
    }
    assertThat(ranked.get(0).trial()).isEqualTo(argmax);
    assertThat(ranked.get(0).params()).isEqualTo(grid.get(argmax));
    for (TrialResult r : ranked) {
      assertThat(r.params()).isEqualTo(grid.get(r.trial()));
      assertThat(r.score()).isEqualTo(scores[r.trial()]);
    }
  }

  @Test
  void aGridRefusesADimensionWithoutFiniteValuesAndATooLargeGrid() {
    SearchSpace continuous =
        SearchSpace.parse(List.of("lr=log(1e-3,1)", "hidden=choice(4,8)"), BASE);
    assertThatThrownBy(
            () -> new Search.Settings("rows", continuous, BASE, "random", 3, SamplerSettings.GRID))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "search dimension 'lr=log(1e-3,1)': expected choice(v1,v2,...) or int(a,b) with the"
                + " grid sampler, which visits each value of each dimension");
    new Search.Settings("rows", continuous, BASE, "random", 3, SamplerSettings.RANDOM);
    SearchSpace huge =
        SearchSpace.parse(List.of("batch-size=int(1,100000)", "hidden=int(1,100000)"), BASE);
    assertThatThrownBy(
            () -> new Search.Settings("rows", huge, BASE, "random", 3, SamplerSettings.GRID))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("a grid of more than 2147483647 points");
  }
}
