package io.ferry.launcher.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every JSON document an export prints is built as Jackson nodes and written here: two-space
 * indent, {@code "key": value}, ASCII only (other characters as {@code \\uXXXX}, which JSON and
 * Python read alike), a final newline.
 */
final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array(List<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** The document, pretty-printed, ending with a newline. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writer(new Printer()).writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One value on one line: a string as a quoted, escaped literal. */
  static String literal(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Jackson's printer writes {@code "key" : value}; this one writes {@code "key": value}. */
  private static final class Printer extends DefaultPrettyPrinter {
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");

    Printer() {
      indentArraysWith(INDENT);
      indentObjectsWith(INDENT);
    }

    private Printer(Printer base) {
      super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new Printer(this);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }
  }
}
