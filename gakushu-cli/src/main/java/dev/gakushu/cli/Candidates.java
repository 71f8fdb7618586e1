package dev.gakushu.cli;

import dev.gakushu.data.EmbeddedDigits;
import dev.gakushu.data.IdxSet;
import dev.gakushu.data.Sampling;
import dev.gakushu.experiments.Experiments;
import dev.gakushu.init.InitScheme;
import dev.gakushu.nn.Activation;
import dev.gakushu.optim.OptimizerKind;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The values shell completion offers for an option ({@code completionCandidates}), each read from
 * the library's one list of ids when the script is made, never a copy of it.
 */
final class Candidates {
  private Candidates() {}

  /** --optimizer: the optimizers by name. */
  static final class Optimizers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return OptimizerKind.ids().iterator();
    }
  }

  /** --activation: the hidden activations. */
  static final class Activations implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Activation.values()).map(Activation::id).iterator();
    }
  }

  /** --sampling: the ways of drawing mini-batches. */
  static final class Samplings implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Sampling.ids().iterator();
    }
  }

  /** --init: the initialisers. */
  static final class Initialisers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(InitScheme.values()).map(InitScheme::id).iterator();
    }
  }

  /** --data: the data sets known by name (a folder or CSV file is completed as a path). */
  static final class DataSets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Stream.concat(Stream.of(EmbeddedDigits.NAME), IdxSet.KNOWN.stream().map(IdxSet::name))
          .iterator();
    }
  }

  /** experiment NAME: the chapter's experiments, or all. */
  static final class ExperimentNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Stream.concat(Experiments.names().stream(), Stream.of("all")).iterator();
    }
  }

  /** completion SHELL: the shells a script is made for. */
  static final class Shells implements Iterable<String> {
    static final List<String> NAMES = List.of("bash", "zsh", "fish");

    @Override
    public Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }
}
