package io.ferry.launcher.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Python source for JSON values: dicts, lists, strings, numbers, {@code True}, {@code False},
 * {@code None}, laid out one item a line with trailing commas. Strings are double-quoted and
 * ASCII-only: quotes, backslashes and control characters escaped, other characters as {@code
 * \\uXXXX} or, past the Basic Multilingual Plane, {@code \\UXXXXXXXX} (a JSON-style surrogate pair
 * would read in Python as two characters).
 */
final class PythonLiteral {
  private static final String INDENT = "    ";

  private PythonLiteral() {}

  /** The value, its nested lines indented {@code depth} levels deeper than the first. */
  static String of(JsonNode node, int depth) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        return "{}";
      }
      StringBuilder sb = new StringBuilder("{\n");
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        sb.append(INDENT.repeat(depth + 1))
            .append(string(field.getKey()))
            .append(": ")
            .append(of(field.getValue(), depth + 1))
            .append(",\n");
      }
      return sb.append(INDENT.repeat(depth)).append('}').toString();
    }
    if (node.isArray()) {
      if (node.isEmpty()) {
        return "[]";
      }
      StringBuilder sb = new StringBuilder("[\n");
      for (JsonNode item : node) {
        sb.append(INDENT.repeat(depth + 1)).append(of(item, depth + 1)).append(",\n");
      }
      return sb.append(INDENT.repeat(depth)).append(']').toString();
    }
    if (node.isTextual()) {
      return string(node.textValue());
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "True" : "False";
    }
    if (node.isNull()) {
      return "None";
    }
    if (node.isIntegralNumber() || node.isFloatingPointNumber()) {
      return node.asText();
    }
    throw new IllegalArgumentException("no Python literal for a " + node.getNodeType() + " node");
  }

  /** A double-quoted Python string literal holding exactly {@code text}. */
  static String string(String text) {
    StringBuilder sb = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                  if (cp >= 0x20 && cp < 0x7f) {
                    sb.append((char) cp);
                  } else if (cp <= 0xffff) {
                    sb.append(String.format("\\u%04x", cp));
                  } else {
                    sb.append(String.format("\\U%08x", cp));
                  }
                }
              }
            });
    return sb.append('"').toString();
  }
}
