/**
 * TensorBoard event files written as training goes, laid out as Keras lays them out: runs {@code
 * train/} and {@code validation/} with the same tags.
 */
package dev.gakushu.tensorboard;
