package dev.gakushu.tune;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An executor that another module provides, such as {@code gakushu-spark}'s, found on the class
 * path through {@link ServiceLoader} by the name {@code tune --executor NAME} gives. The core knows
 * no engine: a provider brings its engine's classes with it.
 */
public interface ExecutorProvider {
  /** The name users ask for, e.g. {@code spark}. */
  String name();

  /**
   * The executor.
   *
   * @param master where the engine runs (for Spark: {@code local[N]}, {@code spark://HOST:PORT},
   *     {@code yarn}, {@code k8s://...}), or null for the engine's own setting
   * @throws dev.gakushu.BadInputException if the master is not one the engine accepts
   */
  Search.Executor executor(String master);

  /** The provider of that name on the class path, if there is one. */
  static Optional<ExecutorProvider> find(String name) {
    return ServiceLoader.load(ExecutorProvider.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals(name))
        .findFirst();
  }

  /** The names of the providers on the class path. */
  static List<String> names() {
    return ServiceLoader.load(ExecutorProvider.class).stream()
        .map(p -> p.get().name())
        .sorted()
        .toList();
  }
}
