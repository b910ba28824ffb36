package io.ferry.models;

import io.ferry.models.metadata.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks a dataset against the columns a model needs, all at once: every missing column and every
 * column of the wrong type in one message.
 */
public final class InputColumns {
  private InputColumns() {}

  /**
   * @param what what needs the columns, for the message, e.g. {@code model churn version 3}
   * @return the input's own spelling of each feature name (names match case-insensitively)
   * @throws IllegalArgumentException listing what is missing or mistyped and the input's columns
   */
  public static List<String> check(String what, StructType schema, List<Feature> features) {
    Map<String, StructField> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (StructField f : schema.fields()) {
      byName.putIfAbsent(f.name(), f);
    }
    List<String> missing = new ArrayList<>();
    List<String> mistyped = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Feature feature : features) {
      StructField field = byName.get(feature.name());
      if (field == null) {
        missing.add(feature.name() + " (" + feature.kind().label() + ")");
        continue;
      }
      names.add(field.name());
      if (!fits(field.dataType(), feature.kind())) {
        mistyped.add(
            field.name()
                + " is "
                + field.dataType().simpleString()
                + ", expected "
                + (feature.kind() == Feature.Kind.NUMERIC ? "a number or boolean" : "a string"));
      }
    }
    if (missing.isEmpty() && mistyped.isEmpty()) {
      return names;
    }
    StringBuilder sb = new StringBuilder("the input does not fit ").append(what);
    if (!missing.isEmpty()) {
      sb.append("; missing columns: ").append(String.join(", ", missing));
    }
    if (!mistyped.isEmpty()) {
      sb.append("; wrong types: ").append(String.join(", ", mistyped));
    }
    sb.append(". Input columns: ").append(String.join(", ", schema.fieldNames()));
    throw new IllegalArgumentException(sb.toString());
  }

  static boolean fits(DataType type, Feature.Kind kind) {
    return kind == Feature.Kind.NUMERIC
        ? type instanceof NumericType || type instanceof BooleanType
        : type instanceof StringType;
  }
}
