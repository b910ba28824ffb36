package io.ferry.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTimerTest {
  /** Busy for about 0.3 s of CPU, holding about 64 MiB resident. */
  private static final String WORK =
      "head -c 67108864 /dev/zero | tail -c 67108864 > /dev/null;"
          + " i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done";

  @Test
  void measuresAWholeProcessCpuAndPeakMemoryWithGnuTime(@TempDir Path tmp) throws Exception {
    ProcessTimer timer = new ProcessTimer(tmp, Duration.ofMinutes(1), () -> 0);

    ProcessSample s = timer.run("work", Command.of(List.of("sh", "-c", WORK), Map.of()));

    assertTrue(s.wallMillis() >= s.cpuMillis() / 2, s.toString());
    assertTrue(s.cpuMillis() > 50, s.toString());
    assertTrue(s.peakRssKib() > 60 * 1024, s.toString());
  }

  @Test
  void samplesProcWhenToldToDoWithoutGnuTime(@TempDir Path tmp) throws Exception {
    System.setProperty("bench.proc-sampling", "true");
    try {
      ProcessTimer timer = new ProcessTimer(tmp, Duration.ofMinutes(1), () -> 0);

      ProcessSample s = timer.run("work", Command.of(List.of("sh", "-c", WORK), Map.of()));

      assertTrue(timer.method().contains("/proc"), timer.method());
      assertTrue(s.cpuMillis() > 50, s.toString());
      assertTrue(s.peakRssKib() > 60 * 1024, s.toString());
    } finally {
      System.clearProperty("bench.proc-sampling");
    }
  }

  @Test
  void aFailingProcessIsReportedWithItsLogsLastLines(@TempDir Path tmp) {
    ProcessTimer timer = new ProcessTimer(tmp, Duration.ofMinutes(1), () -> 0);

    WayFailedException e =
        assertThrows(
            WayFailedException.class,
            () ->
                timer.run(
                    "fails",
                    Command.of(List.of("sh", "-c", "echo 'no such table' >&2; exit 3"), Map.of())));

    assertEquals(
        "exited with status 3; log " + tmp.resolve("fails.log") + ":\n    no such table",
        e.getMessage());
  }

  @Test
  void aProcessPastTheTimeoutIsKilled(@TempDir Path tmp) {
    ProcessTimer timer = new ProcessTimer(tmp, Duration.ofSeconds(1), () -> 0);

    WayFailedException e =
        assertThrows(
            WayFailedException.class,
            () -> timer.run("slow", Command.of(List.of("sleep", "30"), Map.of())));

    assertTrue(e.getMessage().startsWith("timed out after 1 s and was killed"), e.getMessage());
  }

  @Test
  void standardInputAndOutputCanBeFiles(@TempDir Path tmp) throws Exception {
    Path in = Files.writeString(tmp.resolve("in.txt"), "rows\n");
    Path out = tmp.resolve("out.txt");
    ProcessTimer timer = new ProcessTimer(tmp, Duration.ofMinutes(1), () -> 0);

    timer.run("cat", Command.of(List.of("cat"), Map.of()).withStdin(in).withStdout(out));

    assertEquals("rows\n", Files.readString(out));
  }
}
