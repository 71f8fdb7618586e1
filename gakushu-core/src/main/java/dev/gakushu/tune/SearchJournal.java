package dev.gakushu.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.BadInputException;
import dev.gakushu.run.JournalFile;
import dev.gakushu.run.TrialResult;
import dev.gakushu.spec.InvalidSpecException;
import dev.gakushu.spec.RunSpec;
import java.util.List;
import java.util.Map;

/**
 * A search's journal as someone who watches the search reads it (the dashboard follows a running
 * {@code tune} with it): the space and seed of its first line, then its finished trials a line at a
 * time as the journal grows; {@link Importance#of} of them with that seed is what {@code tune}
 * reports. Unlike {@link Search}, which refuses a damaged journal, it passes over a line that is
 * not a well-formed trial of this space.
 */
public final class SearchJournal {

  private final SearchSpace space;
  private final RunSpec base;
  private final long seed;

  private SearchJournal(SearchSpace space, RunSpec base, long seed) {
    this.space = space;
    this.base = base;
    this.seed = seed;
  }

  /**
   * The search whose journal begins with {@code settings}.
   *
   * @throws BadInputException when it is not a search's settings line
   */
  public static SearchJournal of(JsonNode settings) {
    JournalFile.Header header;
    try {
      header = JournalFile.header(settings, Search.JOURNAL + " line 1");
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "not a search's settings; expected the first line of a journal written by tune");
    }
    SearchSpace space = SearchSpace.parse(List.of(header.space().split(" ")), header.base());
    return new SearchJournal(space, header.base(), header.seed());
  }

  /**
   * The trial a line after the first holds, or null for any other line (a start, a damaged one).
   */
  public TrialResult trial(JsonNode line) {
    return JournalFile.isTrial(line) ? trial(line, space, base) : null;
  }

  public SearchSpace space() {
    return space;
  }

  public long seed() {
    return seed;
  }

  /**
   * A "trial" line of a search over {@code space} from {@code base} ({@link JournalFile#trial}), or
   * null when a field is missing or of the wrong type, or its params are not a value of each
   * dimension that applies to the base.
   */
  static TrialResult trial(JsonNode n, SearchSpace space, RunSpec base) {
    TrialResult r = JournalFile.trial(n);
    if (r == null || r.params().size() != space.dimensions().size()) {
      return null;
    }
    for (SearchSpace.Dimension d : space.dimensions()) {
      if (!r.params().containsKey(d.name())
          || !isSetting(base, d.name(), r.params().get(d.name()))) {
        return null;
      }
    }
    return r;
  }

  /** Whether a journal's value of a dimension applies to the search's base specification. */
  private static boolean isSetting(RunSpec base, String name, Object value) {
    try {
      Search.trialSpec(base, Map.of(name, String.valueOf(value)));
      return true;
    } catch (InvalidSpecException | NumberFormatException e) {
      return false;
    }
  }
}
