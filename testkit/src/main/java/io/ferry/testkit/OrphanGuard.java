package io.ferry.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs another program's {@code main} in a child JVM and ends that JVM, deleting a folder, as soon
 * as its standard input reaches end of file: which happens when the parent process dies, however it
 * dies. A JVM shutdown hook in the parent covers a normal exit, but not {@code kill -9} or a test
 * JVM that surefire or CI killed on a timeout; without this guard the child (S3Proxy) would be left
 * running, holding its port, memory and temporary data.
 *
 * <p>Usage: {@code java -cp <program>:<testkit> io.ferry.testkit.OrphanGuard <folder> <main class>
 * [args...]}, started with its standard input a pipe from the parent (Java's {@link ProcessBuilder}
 * default) that the parent never writes to or closes. Uses the JDK only, so it runs beside any
 * program's classpath.
 */
public final class OrphanGuard {
  private OrphanGuard() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: OrphanGuard <folder to delete> <main class> [args...]");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    Thread watch =
        new Thread(
            () -> {
              awaitEndOfInput(System.in);
              deleteRecursively(folder);
              Runtime.getRuntime().halt(0);
            },
            "ferry-orphan-guard");
    watch.setDaemon(true);
    watch.start();
    try {
      Class.forName(args[1])
          .getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void awaitEndOfInput(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) != -1) {
        // The parent writes nothing; anything read is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the parent is gone too.
    }
  }

  private static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // Best effort: the process ends either way.
    }
  }
}
