/**
 * Gakushu: dense networks trained with the techniques of chapter 6 of <i>Deep Learning from
 * Scratch</i>.
 *
 * <p>Exported: every package a user calls (the specification, training, models, data, search,
 * observation and their outputs), and {@code tensor} for its {@code Matrix}, the type rows and
 * probabilities travel in. Not exported: {@code bench} (the benchmark's workloads), {@code
 * experiments} (the chapter's experiments, run by the command line) and {@code files}; they may
 * change in any release. Every package is open to Jackson only, which binds the run files'
 * records. The incubating Vector API is optional: without {@code --add-modules
 * jdk.incubator.vector} the kernels run in plain Java, with the same bits.
 */
module dev.gakushu {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;
  requires org.knowm.xchart;
  requires VectorGraphics2D;
  requires java.desktop;
  requires java.logging;
  requires java.management;
  requires java.net.http;
  requires jdk.management;
  requires jdk.httpserver;
  requires static jdk.incubator.vector;

  exports dev.gakushu;
  exports dev.gakushu.dashboard;
  exports dev.gakushu.data;
  exports dev.gakushu.init;
  exports dev.gakushu.io;
  exports dev.gakushu.nn;
  exports dev.gakushu.observe;
  exports dev.gakushu.onnx;
  exports dev.gakushu.optim;
  exports dev.gakushu.report;
  exports dev.gakushu.run;
  exports dev.gakushu.spec;
  exports dev.gakushu.tensor;
  exports dev.gakushu.tensorboard;
  exports dev.gakushu.train;
  exports dev.gakushu.tune;

  opens dev.gakushu to com.fasterxml.jackson.databind;
  opens dev.gakushu.bench to com.fasterxml.jackson.databind;
  opens dev.gakushu.dashboard to com.fasterxml.jackson.databind;
  opens dev.gakushu.data to com.fasterxml.jackson.databind;
  opens dev.gakushu.experiments to com.fasterxml.jackson.databind;
  opens dev.gakushu.files to com.fasterxml.jackson.databind;
  opens dev.gakushu.init to com.fasterxml.jackson.databind;
  opens dev.gakushu.io to com.fasterxml.jackson.databind;
  opens dev.gakushu.nn to com.fasterxml.jackson.databind;
  opens dev.gakushu.observe to com.fasterxml.jackson.databind;
  opens dev.gakushu.onnx to com.fasterxml.jackson.databind;
  opens dev.gakushu.optim to com.fasterxml.jackson.databind;
  opens dev.gakushu.report to com.fasterxml.jackson.databind;
  opens dev.gakushu.run to com.fasterxml.jackson.databind;
  opens dev.gakushu.spec to com.fasterxml.jackson.databind;
  opens dev.gakushu.tensor to com.fasterxml.jackson.databind;
  opens dev.gakushu.tensorboard to com.fasterxml.jackson.databind;
  opens dev.gakushu.train to com.fasterxml.jackson.databind;
  opens dev.gakushu.tune to com.fasterxml.jackson.databind;
}
