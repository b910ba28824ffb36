package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code ferry run} in a JVM of its own, as bin/ferry starts it, killed with SIGKILL at a point.
 */
final class KilledRun {
  private KilledRun() {}

  /**
   * Starts {@code ferry run job --run-id runId} and SIGKILLs it once {@code point} holds, polling
   * every 5 ms for at most 3 minutes; its output goes to {@code dir/<runId>.log}.
   *
   * @throws AssertionError when the run ends or never reaches the point
   */
  static void killWhen(Path dir, Path job, String runId, BooleanSupplier point) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("-Duser.timezone=UTC");
    command.add("-Dlog4j2.configurationFile=" + CliProcess.verboseLogging(dir));
    command.addAll(CliProcess.ADD_OPENS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Ferry.class.getName()));
    command.addAll(List.of("run", job.toString(), "--run-id", runId));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(runId + ".log").toFile())
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (!point.getAsBoolean()) {
        assertTrue(
            process.isAlive(), () -> runId + " ended before the kill point: " + log(dir, runId));
        assertTrue(System.nanoTime() < deadline, () -> runId + " never reached the kill point");
        Thread.sleep(5);
      }
    } finally {
      process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    }
    assertEquals(137, process.exitValue(), "SIGKILL: 128 + 9");
  }

  private static String log(Path dir, String runId) {
    try {
      return Files.readString(dir.resolve(runId + ".log"));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
