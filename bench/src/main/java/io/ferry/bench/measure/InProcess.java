package io.ferry.bench.measure;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Warm runs: work timed inside the harness's own JVM, after the JIT, Spark and the driver have
 * warmed up. CPU is this JVM's; peak RSS is this JVM's high-water mark so far, not the run's (the
 * JVM holds its heap across runs).
 */
public final class InProcess {
  private InProcess() {}

  /** Work to time. */
  @FunctionalInterface
  public interface Work {
    void run(String runName) throws Exception;
  }

  /** A trial that runs {@code work} in this JVM. */
  public static Way.Trial trial(LongSupplier serverCpuMillis, Work work) {
    return runName -> {
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long serverBefore = serverCpuMillis.getAsLong();
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      work.run(runName);
      long wall = (System.nanoTime() - start) / 1_000_000;
      long cpuUsed = (os.getProcessCpuTime() - cpu) / 1_000_000;
      return new ProcessSample(
          wall,
          cpuUsed,
          ProcStat.peakRssKib(ProcessHandle.current().pid()).orElse(0),
          ProcessTimer.settled(serverCpuMillis) - serverBefore,
          OptionalLong.empty(),
          Map.of());
    };
  }
}
