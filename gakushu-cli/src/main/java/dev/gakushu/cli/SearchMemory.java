package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.spec.InvalidSpecException;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** tune's memory check, named by the options that set the largest network of the search. */
final class SearchMemory {
  private SearchMemory() {}

  /**
   * Refuses a search whose largest network (the widest hidden layers and the largest batch the
   * space allows, one per worker) cannot fit in memory, before the first trial.
   *
   * @param rows the training rows, which bound a batch (1 before the data is read: a lower bound)
   */
  static void requireMemory(
      CommandSpec spec,
      int workers,
      SearchSpace searchSpace,
      RunSpec base,
      long inputs,
      long classes,
      long rows) {
    RunSpec largest = base;
    List<String> searched = new ArrayList<>();
    for (String name : List.of("hidden", "batch-size")) {
      SearchSpace.Dimension d = searchSpace.dimension(name);
      if (d != null) {
        largest = largest.with(name, d.largest());
        searched.add("--space " + d);
      }
    }
    RunSpec checked = largest;
    Runnable check =
        () ->
            checked.requireMemory(
                inputs, classes, Math.min(rows, checked.loop().batchSize()), workers);
    if (searched.isEmpty()) {
      Checks.mapped(
          spec,
          () -> {
            check.run();
            return checked;
          });
      return;
    }
    try {
      check.run();
    } catch (InvalidSpecException e) { // the largest network of the space, not of --hidden
      throw new BadInputException(String.join(" ", searched) + ": expected " + e.expected(), e);
    }
  }
}
