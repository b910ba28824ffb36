package io.ferry.launcher.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python literals hold exactly the JSON values they were written from. */
class PythonLiteralTest {
  @TempDir Path dir;

  @Test
  void stringsEscapeQuotesBackslashesControlAndNonAsciiCharacters() {
    assertEquals(
        "\"a\\\"b\\\\c\\nd\\te\\u0001 \\u00e9 \\U0001f600 {{ ds }}\"",
        PythonLiteral.string("a\"b\\c\nd\te\u0001 é 😀 {{ ds }}"));
  }

  @Test
  void pythonReadsBackEveryValueExactly() throws IOException, InterruptedException {
    assumeTrue(
        AirflowDagPythonTest.python("-c", "pass").code() == 0,
        "ASSUMPTION: python3 is not on this machine; literals were not read back");
    ObjectNode value = Json.object();
    value.put("quotes", "it's \"quoted\" with \\ and '''");
    value.put("lines", "one\ntwo\r\nthree\ttab\u0000nul");
    value.put("unicode", "é ü 中文 😀 \u2028");
    value.put("yes", true);
    value.put("no", false);
    value.putNull("nothing");
    value.put("count", 3);
    value.put("ratio", 2.5);
    value.putArray("list").add("a").add(1).addObject().put("nested", "b");
    value.putObject("empty");
    value.putArray("none");
    Path file = dir.resolve("value.py");
    Files.writeString(file, "VALUE = " + PythonLiteral.of(value, 0) + "\n");
    AirflowDagPythonTest.Result result =
        AirflowDagPythonTest.python(
            "-c",
            "import json, runpy, sys; print(json.dumps(runpy.run_path(sys.argv[1])['VALUE']))",
            file.toString());
    assertEquals(0, result.code(), result.out());
    JsonNode back = new ObjectMapper().readTree(result.out());
    assertEquals(value, back);
  }
}
