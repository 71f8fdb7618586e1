/**
 * The run specification: {@link dev.gakushu.spec.RunSpec}, one typed value holding everything that
 * decides a run (data, network, regularization, optimizer, schedule, loop, conventions, seed), its
 * builder, and its stable JSON form ({@link dev.gakushu.spec.RunSpecJson}, a run directory's {@code
 * config.json}). Every value is checked when the specification is built; what a specification
 * builds trusts it.
 */
package dev.gakushu.spec;
