package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Checks JSON against an AWS SDK v2 model shape: every field name must be one of the shape's {@link
 * SdkField#locationName()}s (the name on the wire, e.g. {@code ReleaseLabel} for EMR), every value
 * of the shape's type, recursively through structures, lists and maps. A key ending in {@code .$}
 * (Amazon States Language: a path or intrinsic function) is checked by name only.
 */
final class AwsShapes {
  private AwsShapes() {}

  /** Every misspelt field or mistyped value, as {@code path: what}; empty when all fit. */
  static List<String> mismatches(JsonNode node, SdkPojo shape) {
    List<String> out = new ArrayList<>();
    object(node, shape.sdkFields(), "$", out);
    return out;
  }

  private static void object(
      JsonNode node, List<SdkField<?>> fields, String path, List<String> out) {
    if (!node.isObject()) {
      out.add(path + ": expected an object, found " + node.getNodeType());
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> entry = it.next();
      boolean dynamic = entry.getKey().endsWith(".$");
      String name =
          dynamic ? entry.getKey().substring(0, entry.getKey().length() - 2) : entry.getKey();
      Optional<SdkField<?>> field =
          fields.stream().filter(f -> f.locationName().equals(name)).findFirst();
      if (field.isEmpty()) {
        out.add(
            path
                + "."
                + name
                + ": not a field of the shape; its fields: "
                + fields.stream().map(SdkField::locationName).toList());
      } else if (!dynamic) {
        value(entry.getValue(), field.get(), path + "." + name, out);
      }
    }
  }

  private static void value(JsonNode node, SdkField<?> field, String path, List<String> out) {
    MarshallingType<?> type = field.marshallingType();
    if (type == MarshallingType.SDK_POJO) {
      object(node, field.constructor().get().sdkFields(), path, out);
    } else if (type == MarshallingType.LIST) {
      if (!node.isArray()) {
        out.add(path + ": expected a list, found " + node.getNodeType());
        return;
      }
      SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
      for (int i = 0; i < node.size(); i++) {
        value(node.get(i), member, path + "[" + i + "]", out);
      }
    } else if (type == MarshallingType.MAP) {
      if (!node.isObject()) {
        out.add(path + ": expected a map, found " + node.getNodeType());
        return;
      }
      SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
      node.fields()
          .forEachRemaining(e -> value(e.getValue(), valueField, path + "." + e.getKey(), out));
    } else if (!scalarFits(type, node)) {
      out.add(path + ": expected " + type + ", found " + node.getNodeType() + " " + node);
    }
  }

  private static boolean scalarFits(MarshallingType<?> type, JsonNode node) {
    if (type == MarshallingType.STRING) {
      return node.isTextual();
    }
    if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
      return node.isIntegralNumber();
    }
    if (type == MarshallingType.BOOLEAN) {
      return node.isBoolean();
    }
    if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
      return node.isNumber();
    }
    return true;
  }
}
