package io.ferry.engine.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.core.lake.Lake;
import io.ferry.core.state.WatermarkStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/** Watermarks as small JSON files at {@code <lake>/_state/<job>/<stage>.json}. */
public final class LakeWatermarkStore implements WatermarkStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Lake lake;

  public LakeWatermarkStore(Lake lake) {
    this.lake = requireNonNull(lake, "lake");
  }

  @Override
  public Optional<String> read(String job, String stage) {
    return lake.readString(lake.state(job, stage))
        .map(
            text -> {
              try {
                JsonNode node = JSON.readTree(text);
                JsonNode value = node.get("watermark");
                return value == null || value.isNull() ? null : value.asText();
              } catch (IOException e) {
                throw new UncheckedIOException(
                    "watermark file "
                        + lake.state(job, stage)
                        + " is not valid JSON; fix it or reset it with --reset-watermark "
                        + stage,
                    e);
              }
            });
  }

  @Override
  public void write(String job, String stage, String value, String runId) {
    ObjectNode node = JSON.createObjectNode();
    node.put("job", job);
    node.put("stage", stage);
    node.put("watermark", value);
    node.put("run_id", runId);
    node.put("updated_at", Instant.now().toString());
    lake.writeString(lake.state(job, stage), node.toPrettyString());
  }

  @Override
  public void reset(String job, String stage) {
    lake.delete(lake.state(job, stage));
  }
}
