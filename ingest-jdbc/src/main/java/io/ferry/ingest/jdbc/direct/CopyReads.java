package io.ferry.ingest.jdbc.direct;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver-side hand-over between a stage and {@link CopySource}: the stage registers its plan
 * under a random id, passes only the id as the data source's option (options show up in query
 * plans; the plan holds the connection's password), and removes it once Spark has built the
 * relation, which keeps the table it got.
 */
final class CopyReads {
  /** The data source option naming the plan. */
  static final String OPTION = "read";

  private static final Map<String, CopyReadPlan> PLANS = new ConcurrentHashMap<>();

  private CopyReads() {}

  static String register(CopyReadPlan plan) {
    String id = UUID.randomUUID().toString();
    PLANS.put(id, plan);
    return id;
  }

  static CopyReadPlan get(String id) {
    CopyReadPlan plan = id == null ? null : PLANS.get(id);
    if (plan == null) {
      throw new IllegalArgumentException(
          "no direct read registered under '"
              + id
              + "'; this data source is internal to the jdbc-ingest stage");
    }
    return plan;
  }

  static void remove(String id) {
    PLANS.remove(id);
  }
}
