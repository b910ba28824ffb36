package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.option.StageOption;
import io.ferry.core.stage.Stage;
import io.ferry.core.stage.StageFactory;
import io.ferry.core.stage.StageOutput;
import io.ferry.core.stage.StageSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicateStageTypeTest {
  /** One of two jars that both declare the stage type 'twin'. */
  public static class TwinA implements StageFactory {
    @Override
    public String type() {
      return "twin";
    }

    @Override
    public String description() {
      return "A twin.";
    }

    @Override
    public List<StageOption<?>> options() {
      return List.of();
    }

    @Override
    public Stage create(StageSpec spec) {
      return context -> StageOutput.none();
    }
  }

  /** The other. */
  public static class TwinB extends TwinA {}

  @Test
  void twoJarsDeclaringOneStageTypeIsAConfigurationProblemThatExitsTwo(@TempDir Path dir)
      throws Exception {
    Path services = dir.resolve("META-INF/services/io.ferry.core.stage.StageFactory");
    Files.createDirectories(services.getParent());
    Files.writeString(services, TwinA.class.getName() + "\n" + TwinB.class.getName() + "\n");
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    StringWriter err = new StringWriter();
    int code;
    try (URLClassLoader twins =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Thread.currentThread().setContextClassLoader(twins);
      code = Ferry.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "stages");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
    assertEquals(2, code, err.toString());
    assertTrue(
        err.toString()
            .contains(
                "two stage factories declare type 'twin': "
                    + TwinA.class.getName()
                    + " and "
                    + TwinB.class.getName()
                    + "; remove one jar from the classpath"),
        err.toString());
  }
}
