package io.ferry.engine.run;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Adds up executor CPU time per Ferry stage. The runner tags each stage's Spark jobs with a job
 * group; this listener maps Spark stages to that group and sums their tasks' CPU time.
 */
final class StageCpuListener extends SparkListener {
  static final String GROUP_PREFIX = "ferry-stage-";

  private final Map<Integer, String> groupBySparkStage = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> cpuNanosByGroup = new ConcurrentHashMap<>();

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    Properties props = jobStart.properties();
    String group = props == null ? null : props.getProperty("spark.jobGroup.id");
    if (group == null || !group.startsWith(GROUP_PREFIX)) {
      return;
    }
    scala.collection.Iterator<Object> ids = jobStart.stageIds().iterator();
    while (ids.hasNext()) {
      groupBySparkStage.put((Integer) ids.next(), group);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
    String group = groupBySparkStage.get(taskEnd.stageId());
    if (group != null && taskEnd.taskMetrics() != null) {
      cpuNanosByGroup
          .computeIfAbsent(group, g -> new LongAdder())
          .add(taskEnd.taskMetrics().executorCpuTime());
    }
  }

  long cpuMillis(String stageName) {
    LongAdder adder = cpuNanosByGroup.get(GROUP_PREFIX + stageName);
    return adder == null ? 0 : adder.sum() / 1_000_000;
  }
}
