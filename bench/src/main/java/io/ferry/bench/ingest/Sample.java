package io.ferry.bench.ingest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * One timed run: wall time, this JVM's CPU time (driver and local executors; the database's own CPU
 * is not included) and the peak heap used during the run.
 */
record Sample(long wallMillis, long cpuMillis, long peakHeapBytes) {

  /** Something to measure. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  static Sample measure(Work work) throws Exception {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    work.run();
    long wall = (System.nanoTime() - start) / 1_000_000;
    long cpuUsed = (os.getProcessCpuTime() - cpu) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Sample(wall, cpuUsed, peak);
  }
}
