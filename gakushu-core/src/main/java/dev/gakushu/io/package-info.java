/**
 * Model files: {@link dev.gakushu.io.ModelFile} reads and writes a trained model as safetensors,
 * with the network, its preprocessing, the class names and the run specification; the safetensors
 * format itself, tensor fingerprints and the one protobuf wire writer.
 */
package dev.gakushu.io;
