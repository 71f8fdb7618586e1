package dev.gakushu.cli;

import java.io.Console;

/** Whether a person is watching: standard input and output are a terminal. */
final class Terminal {
  private Terminal() {}

  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From JDK 22 on, System.console() exists even when redirected; isTerminal() tells.
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
