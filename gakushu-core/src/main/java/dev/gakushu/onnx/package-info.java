/**
 * ONNX export: a saved model as an ONNX graph (opset 13) that other runtimes read, preprocessing
 * included, streamed to the file.
 */
package dev.gakushu.onnx;
