package io.ferry.bench;

import io.ferry.testkit.PostgresDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the results page says about where and when it was measured. */
record Machine(
    String cpu,
    int cores,
    String memory,
    String os,
    String jvm,
    String postgres,
    String commit,
    Instant date,
    String loadAtStart) {

  static Machine describe(Path root, PostgresDatabase db) {
    return new Machine(
        firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
        Runtime.getRuntime().availableProcessors(),
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
            .map(
                kb ->
                    String.format(
                        "%.0f GiB", Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1048576.0))
            .orElse("unknown"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        db.query("SHOW server_version").get(0).get(0).toString(),
        commit(root),
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        loadAverage());
  }

  /** The 1, 5 and 15 minute load averages, e.g. {@code 0.12 0.40 0.35}. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String commit(Path root) {
    String head = git(root, "rev-parse", "--short=12", "HEAD");
    String subject = git(root, "log", "-1", "--format=%s");
    String dirty =
        git(root, "status", "--porcelain", "--untracked-files=no").isBlank()
            ? ""
            : " (with uncommitted changes)";
    return head + " \"" + subject + "\"" + dirty;
  }

  private static String git(Path root, String... args) {
    try {
      Process p =
          new ProcessBuilder(
                  Stream.concat(Stream.of("git", "-C", root.toString()), Arrays.stream(args))
                      .toList())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private static Optional<String> firstValue(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream()
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
