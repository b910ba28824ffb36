package io.ferry.bench.ingest;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * One timed run: wall time, this JVM's CPU time (driver and local executors; the database's own CPU
 * is not included), the peak heap used during the run (garbage included) and the largest heap left
 * after any garbage collection during the run (what the run really held).
 */
record Sample(long wallMillis, long cpuMillis, long peakHeapBytes, long peakAfterGcBytes) {

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
    AfterGc afterGc = new AfterGc();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    try {
      work.run();
    } finally {
      afterGc.stop();
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    long cpuUsed = (os.getProcessCpuTime() - cpu) / 1_000_000;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Sample(wall, cpuUsed, peak, afterGc.max.get());
  }

  /** Listens to every collection and keeps the largest heap in use after one. */
  private static final class AfterGc {
    private final AtomicLong max = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final NotificationListener listener =
        (notification, handback) -> {
          if (!notification
              .getType()
              .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
          }
          var info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used = 0;
          for (Map.Entry<String, MemoryUsage> pool :
              info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
              used += pool.getValue().getUsed();
            }
          }
          max.accumulateAndGet(used, Math::max);
        };

    AfterGc() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(listener, null, null);
          emitters.add(emitter);
        }
      }
    }

    void stop() throws Exception {
      for (NotificationEmitter emitter : emitters) {
        emitter.removeNotificationListener(listener);
      }
    }
  }
}
