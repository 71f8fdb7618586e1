/**
 * Initial weights: the schemes of the chapter (zeros, N(0, σ²), Xavier, He) as {@link
 * dev.gakushu.init.InitScheme} and the initializers that draw them from a seed.
 */
package dev.gakushu.init;
