package io.ferry.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads Linux's per-process accounting under {@code /proc}: CPU clock ticks and the resident set's
 * high-water mark.
 */
final class ProcStat {
  /** USER_HZ: the unit of the CPU fields in {@code /proc/<pid>/stat}, 100 on every Linux build. */
  static final long TICKS_PER_SECOND = 100;

  private ProcStat() {}

  /**
   * The process's own CPU plus that of the children it waited for (utime + stime + cutime +
   * cstime), in milliseconds; empty once the process is gone.
   */
  static OptionalLong cpuMillisWithChildren(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name (field 2) may hold spaces; the numbered fields follow its ')'.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks =
          Long.parseLong(f[11])
              + Long.parseLong(f[12])
              + Long.parseLong(f[13])
              + Long.parseLong(f[14]);
      return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code VmHWM} of {@code /proc/<pid>/status} in KiB; empty once the process is gone. */
  static OptionalLong peakRssKib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
      return OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
