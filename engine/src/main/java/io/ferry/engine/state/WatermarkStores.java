package io.ferry.engine.state;

import io.ferry.core.lake.Lake;
import io.ferry.core.state.StateSpec;
import io.ferry.core.state.WatermarkStore;
import io.ferry.core.state.WatermarkStoreFactory;
import io.ferry.engine.job.JobSpec;
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
        String connection = job.state().connection().orElseThrow();
        return f.create(job.state(), job.connections().get(connection));
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
