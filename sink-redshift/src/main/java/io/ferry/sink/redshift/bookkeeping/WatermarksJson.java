package io.ferry.sink.redshift.bookkeeping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** Watermarks by stage as the JSON object stored in {@code ferry_loads.watermarks}. */
final class WatermarksJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WatermarksJson() {}

  /** A JSON object with the stages in name order, so equal maps give equal text. */
  static String write(Map<String, String> watermarks) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(watermarks));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write watermarks as JSON", e);
    }
  }

  static Map<String, String> read(String text) {
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    try {
      return JSON.readValue(text, new TypeReference<TreeMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "ferry_loads.watermarks holds text that is not a JSON object: " + e.getOriginalMessage(),
          e);
    }
  }
}
