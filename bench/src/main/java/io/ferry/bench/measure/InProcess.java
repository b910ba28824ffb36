package io.ferry.bench.measure;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Warm runs: work timed inside the harness's own JVM, after the JIT, Spark and the driver have
 * warmed up. CPU is this JVM's; there is no per-run peak RSS (the JVM holds its heap across runs).
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
      // Backends of closed connections end a moment later; give them the time to be reaped.
      Thread.sleep(200);
      return new ProcessSample(
          wall,
          cpuUsed,
          0,
          serverCpuMillis.getAsLong() - serverBefore,
          OptionalLong.empty(),
          Map.of());
    };
  }
}
