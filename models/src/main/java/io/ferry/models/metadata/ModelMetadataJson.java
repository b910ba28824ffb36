package io.ferry.models.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ferry-model.json}, rendered and parsed:
 *
 * <pre>{@code
 * {
 *   "name" : "churn", "version" : "20261123T020000Z-ab12cd", "trained_at" : "2026-11-23T02:00:00Z",
 *   "estimator" : "logistic-regression", "label" : "churned",
 *   "features" : [ { "name" : "orders", "kind" : "numeric" }, { "name" : "country", "kind" : "categorical" } ],
 *   "metrics" : { "auc" : 0.91, "accuracy" : 0.86 },
 *   "details" : { "params" : { "maxIter" : "20" }, "seed" : 42, "train_rows" : 160, "test_rows" : 40 }
 * }
 * }</pre>
 */
public final class ModelMetadataJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelMetadataJson() {}

  public static String render(ModelMetadata m) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", m.name());
    root.put("version", m.version());
    root.put("trained_at", m.trainedAt().toString());
    root.put("estimator", m.estimator());
    root.put("label", m.label());
    List<Map<String, String>> features = new ArrayList<>();
    for (Feature f : m.features()) {
      features.add(Map.of("name", f.name(), "kind", f.kind().label()));
    }
    root.put("features", features);
    root.put("metrics", new TreeMap<>(m.metrics()));
    root.put("details", new TreeMap<>(m.details()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + ModelMetadata.FILE, e);
    }
  }

  /**
   * @param where the file's location, for errors
   * @throws IllegalArgumentException naming the file and the field that is missing or malformed
   */
  public static ModelMetadata parse(String text, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          where + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(where + " must hold a JSON object");
    }
    List<Feature> features = new ArrayList<>();
    JsonNode list = root.path("features");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException(
          where
              + ": 'features' must list the input columns, e.g. [{\"name\": \"orders\", \"kind\": \"numeric\"}]");
    }
    for (JsonNode f : list) {
      String name = text(f, "name", where + ": features[].name");
      String kind = text(f, "kind", where + ": features[].kind");
      try {
        features.add(new Feature(name, Feature.Kind.valueOf(kind.toUpperCase(Locale.ROOT))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where
                + ": feature '"
                + name
                + "' has kind '"
                + kind
                + "'; expected numeric or categorical",
            e);
      }
    }
    Map<String, Double> metrics = new TreeMap<>();
    root.path("metrics")
        .fields()
        .forEachRemaining(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
    Map<String, Object> details = new TreeMap<>();
    if (root.path("details").isObject()) {
      details.putAll(JSON.convertValue(root.get("details"), Map.class));
    }
    Instant trainedAt;
    try {
      trainedAt = Instant.parse(text(root, "trained_at", where + ": trained_at"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": trained_at must be an ISO-8601 instant such as 2026-11-23T02:00:00Z", e);
    }
    return new ModelMetadata(
        text(root, "name", where + ": name"),
        text(root, "version", where + ": version"),
        trainedAt,
        root.path("estimator").asText("unknown"),
        root.path("label").asText(""),
        features,
        metrics,
        details);
  }

  private static String text(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode() || v.asText().isBlank()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    return v.asText();
  }
}
