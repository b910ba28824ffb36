package io.ferry.engine.stage;

import io.ferry.core.stage.StageFactory;
import io.ferry.engine.ConfigurationException;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The stage types on the classpath, found through {@link ServiceLoader}. */
public final class StageRegistry {
  private final Map<String, StageFactory> factories;

  private StageRegistry(Map<String, StageFactory> factories) {
    this.factories = Collections.unmodifiableMap(factories);
  }

  /**
   * Every {@link StageFactory} visible to the class loader.
   *
   * @throws ConfigurationException when two factories declare one type (exit code 2)
   */
  public static StageRegistry load(ClassLoader classLoader) {
    Map<String, StageFactory> found = new TreeMap<>();
    for (StageFactory factory : ServiceLoader.load(StageFactory.class, classLoader)) {
      StageFactory previous = found.putIfAbsent(factory.type(), factory);
      if (previous != null) {
        throw new ConfigurationException(
            "two stage factories declare type '"
                + factory.type()
                + "': "
                + previous.getClass().getName()
                + " and "
                + factory.getClass().getName()
                + "; remove one jar from the classpath");
      }
    }
    return new StageRegistry(found);
  }

  public static StageRegistry load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  public static StageRegistry of(StageFactory... factories) {
    Map<String, StageFactory> map = new TreeMap<>();
    for (StageFactory f : factories) {
      map.put(f.type(), f);
    }
    return new StageRegistry(map);
  }

  public Optional<StageFactory> find(String type) {
    return Optional.ofNullable(factories.get(type));
  }

  public Collection<StageFactory> all() {
    return factories.values();
  }

  public Collection<String> types() {
    return factories.keySet();
  }
}
