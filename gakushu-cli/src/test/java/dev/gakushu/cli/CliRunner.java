package dev.gakushu.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record CliRunner(int status, String out, String err) {
  static CliRunner run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Gakushu.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRunner(status, out.toString(), err.toString());
  }
}
