package io.ferry.core.stage;

import java.util.List;

/**
 * What a stage will do, for {@code ferry plan}.
 *
 * @param reads datasets, tables or paths it reads
 * @param writes datasets, tables or paths it writes
 * @param statements SQL or commands it will issue, as templates (no secrets)
 */
public record StagePlan(List<String> reads, List<String> writes, List<String> statements) {
  public StagePlan {
    reads = List.copyOf(reads);
    writes = List.copyOf(writes);
    statements = List.copyOf(statements);
  }
}
