/**
 * Networks: layers (dense, batch normalisation, activations, dropout), the {@link
 * dev.gakushu.nn.Network} that chains them with its loss and penalties, and the network recipe
 * stored in model files.
 */
package dev.gakushu.nn;
