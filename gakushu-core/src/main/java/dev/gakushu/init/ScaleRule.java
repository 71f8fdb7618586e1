package dev.gakushu.init;

/** How an initialiser's spread (a standard deviation or a bound) follows from a layer's fans. */
@FunctionalInterface
interface ScaleRule {
  double scale(int fanIn, int fanOut);
}
