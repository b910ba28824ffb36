package io.ferry.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM that started S3Proxy and then dies by {@code kill -9}, so that its shutdown hook never
 * runs, leaves no S3Proxy running and no S3Proxy data behind.
 */
class S3ServerOrphanTest {

  /**
   * The child JVM: starts the shared server, says its process id and folder, then waits until its
   * standard input ends, which is when the test kills it (or, should the test JVM die first, when
   * that goes), so it never outlives the test.
   */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      S3Server server = S3Server.shared();
      System.out.println("ready " + server.pid() + " " + server.workDir());
      System.out.flush();
      while (System.in.read() != -1) {
        // The test writes nothing.
      }
    }
  }

  @Test
  void killingTheJvmThatStartedS3ProxyEndsS3ProxyAndDeletesItsData() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-D" + S3Server.JAR_PROPERTY + "=" + System.getProperty(S3Server.JAR_PROPERTY),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Holder.class.getName()))
            .redirectErrorStream(true)
            .start();
    String ready = null;
    Optional<ProcessHandle> s3proxy = Optional.empty();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("ready ")) {
          ready = line;
          break;
        }
      }
      assertTrue(ready != null, "the child JVM started S3Proxy");
      String[] parts = ready.split(" ", 3);
      long pid = Long.parseLong(parts[1]);
      Path workDir = Path.of(parts[2]);
      s3proxy = ProcessHandle.of(pid);
      assertTrue(s3proxy.isPresent() && s3proxy.get().isAlive(), "S3Proxy runs");
      assertTrue(Files.isDirectory(workDir));

      holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

      s3proxy.get().onExit().get(30, TimeUnit.SECONDS);
      assertFalse(s3proxy.get().isAlive(), "S3Proxy ended with the JVM that started it");
      assertFalse(Files.exists(workDir), "its data went with it: " + workDir);
    } finally {
      holder.destroyForcibly();
      s3proxy.ifPresent(ProcessHandle::destroyForcibly); // when the test fails, leave no orphan
    }
    assertEquals(false, holder.isAlive());
  }
}
