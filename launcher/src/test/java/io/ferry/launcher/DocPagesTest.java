package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The stage author's pages show real files: every code block of docs/extending.md and
 * docs/testing.md is a file of examples/stage-example, included verbatim between {@code <!--
 * include: PATH -->} and {@code <!-- end include -->}, which the build compiles and tests. Shell
 * commands are the only blocks written on the page. And no page of docs/ links outside the
 * repository.
 */
class DocPagesTest {
  private static final Path ROOT = Path.of(System.getProperty("ferry.project.root", ".."));
  private static final Pattern INCLUDE =
      Pattern.compile(
          "<!-- include: (\\S+) -->\\n```\\w*\\n(.*?)```\\n<!-- end include -->", Pattern.DOTALL);
  private static final Pattern FENCE =
      Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");

  private static List<String> drift(String page) throws IOException {
    String text = Files.readString(ROOT.resolve(page));
    List<String> problems = new ArrayList<>();
    Matcher m = INCLUDE.matcher(text);
    while (m.find()) {
      Path file = ROOT.resolve(m.group(1));
      if (!Files.isRegularFile(file)) {
        problems.add(page + " includes " + m.group(1) + ", which does not exist");
      } else if (!m.group(2).equals(Files.readString(file))) {
        problems.add(page + " shows " + m.group(1) + " differently from the file");
      }
    }
    Matcher fence = FENCE.matcher(INCLUDE.matcher(text).replaceAll(""));
    while (fence.find()) {
      if (!fence.group(1).isEmpty() && !fence.group(1).equals("bash")) {
        problems.add(page + " has a " + fence.group(1) + " block that is no included file");
      }
    }
    return problems;
  }

  @Test
  void extendingShowsTheExampleModulesFilesAsTheyAre() throws IOException {
    assertEquals(List.of(), drift("docs/extending.md"));
  }

  @Test
  void testingShowsTheExampleModulesFilesAsTheyAre() throws IOException {
    assertEquals(List.of(), drift("docs/testing.md"));
  }

  @Test
  void docsLinkOnlyToFilesInTheRepository() throws IOException {
    List<String> problems = new ArrayList<>();
    Path docs = ROOT.resolve("docs").toRealPath();
    Path root = ROOT.toRealPath();
    try (Stream<Path> pages = Files.list(docs)) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        Matcher m = LINK.matcher(Files.readString(page));
        while (m.find()) {
          String target = m.group(1);
          if (target.contains("://") || target.startsWith("mailto:")) {
            continue;
          }
          Path resolved = docs.resolve(target).normalize();
          if (!resolved.startsWith(root) || !Files.exists(resolved)) {
            problems.add(page.getFileName() + " links to " + target);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }
}
