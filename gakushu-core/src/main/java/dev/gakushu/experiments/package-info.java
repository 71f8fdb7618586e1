/**
 * Internal: the chapter's experiments that {@code gakushu experiment} runs (optimizers, initial
 * weights, batch normalisation, overfitting, regularization, hyperparameter search). Not part of
 * the API; use them from the command line.
 */
package dev.gakushu.experiments;
