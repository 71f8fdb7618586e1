/**
 * Data: the embedded digits, MNIST and Fashion-MNIST (found, downloaded and verified), CSV tables,
 * the seeded split into training, validation and test rows, standardisation and mini-batches.
 */
package dev.gakushu.data;
