package io.ferry.core.state;

import io.ferry.core.job.JobSpec;
import io.ferry.core.lake.Lake;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Opens the watermark store a job names in {@code state.store}. */
public final class WatermarkStores {
  private WatermarkStores() {}

  /** Every store name on the classpath, {@code lake} included. */
  public static Set<String> names() {
    Set<String> names = new TreeSet<>();
    names.add(StateSpec.LAKE.store());
    for (WatermarkStoreFactory f : loader()) {
      names.add(f.name());
    }
    return names;
  }

  public static WatermarkStore open(JobSpec job, Lake lake) {
    String name = job.state().store();
    if (name.equals(StateSpec.LAKE.store())) {
      return new LakeWatermarkStore(lake);
    }
    for (WatermarkStoreFactory f : loader()) {
      if (f.name().equals(name)) {
        return f.create(job, lake);
      }
    }
    throw new IllegalStateException(
        "no state store named '" + name + "' on the classpath; known: " + names());
  }

  private static ServiceLoader<WatermarkStoreFactory> loader() {
    return ServiceLoader.load(
        WatermarkStoreFactory.class, Thread.currentThread().getContextClassLoader());
  }
}
