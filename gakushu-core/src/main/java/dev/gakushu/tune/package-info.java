/**
 * Hyperparameter search: search spaces, random and TPE samplers, ASHA's rungs, the journal that
 * makes a search resumable, importance (fANOVA), and the learning-rate range test.
 */
package dev.gakushu.tune;
