package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.core.stage.StageFactory;
import io.ferry.engine.stage.StageRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The app jar that {@code spark-submit} runs on EMR: Ferry and the libraries EMR lacks, nothing EMR
 * ships, every {@code META-INF/services} file merged, at most 40 MB.
 */
@Tag("cluster")
class AppJarTest {
  static final long MAX_BYTES = 40L * 1024 * 1024;
  static final String SERVICES = "META-INF/services/";

  /** What the cluster provides: a copy in the jar would clash with it or only add weight. */
  static final List<String> PROVIDED_BY_EMR =
      List.of(
          "org/apache/spark/",
          "org/apache/hadoop/",
          "software/amazon/awssdk/",
          "scala/",
          "com/fasterxml/jackson/",
          "org/slf4j/",
          "org/apache/logging/log4j/");

  static Set<String> entries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(JarEntry::getName).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static Map<String, Set<String>> serviceFiles(Path jar) throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry e : file.stream().toList()) {
        String name = e.getName();
        if (name.startsWith(SERVICES) && !e.isDirectory()) {
          try (InputStream in = file.getInputStream(e)) {
            out.put(name.substring(SERVICES.length()), providers(in));
          }
        }
      }
    }
    return out;
  }

  static Set<String> providers(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8)
        .lines()
        .map(l -> l.replaceAll("#.*", "").trim())
        .filter(l -> !l.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** The jars Maven resolved for the launcher at runtime: Ferry's modules and their libraries. */
  static List<Path> runtimeClasspath() throws IOException {
    Path file = SparkSubmitProcess.appJar().getParent().resolve("ferry-runtime.classpath");
    return java.util.Arrays.stream(Files.readString(file).trim().split(java.io.File.pathSeparator))
        .map(Path::of)
        .toList();
  }

  @Test
  void holdsNoClassThatTheClusterProvidesAndStaysUnder40Mb() throws IOException {
    Path jar = SparkSubmitProcess.appJar();
    Set<String> entries = entries(jar);
    List<String> provided =
        entries.stream().filter(e -> PROVIDED_BY_EMR.stream().anyMatch(e::startsWith)).toList();
    assertEquals(List.of(), provided);

    assertTrue(entries.contains("io/ferry/launcher/Ferry.class"));
    assertTrue(entries.contains("io/ferry/shaded/com/typesafe/config/Config.class"));
    assertTrue(entries.contains("io/ferry/shaded/picocli/CommandLine.class"));
    assertTrue(entries.stream().noneMatch(e -> e.startsWith("com/typesafe/config/")));
    assertTrue(entries.stream().noneMatch(e -> e.startsWith("picocli/")));
    for (String driver :
        List.of(
            "org/postgresql/Driver.class",
            "com/amazon/redshift/Driver.class",
            "org/mariadb/jdbc/Driver.class")) {
      assertTrue(entries.contains(driver), driver);
    }
    assertTrue(
        entries.stream().noneMatch(e -> e.startsWith("io/zonky/") || e.endsWith(".txz")),
        "the demo's embedded PostgreSQL stays out");

    long size = Files.size(jar);
    System.out.printf("app jar %s: %,d bytes (%.1f MB)%n", jar.getFileName(), size, size / 1e6);
    assertTrue(size <= MAX_BYTES, "the app jar has " + size + " bytes, more than 40 MB");
  }

  @Test
  void mergesTheServiceFilesOfEveryBundledJar() throws IOException {
    Path jar = SparkSubmitProcess.appJar();
    Set<String> entries = entries(jar);
    Map<String, Set<String>> merged = serviceFiles(jar);
    Map<String, Set<String>> expected = new TreeMap<>();
    for (Path input : runtimeClasspath()) {
      if (!input.toString().endsWith(".jar")) {
        continue;
      }
      serviceFiles(input)
          .forEach(
              (service, providers) -> {
                for (String provider : providers) {
                  // Bundled jars only: the demo's embedded PostgreSQL is left out on purpose.
                  if (entries.contains(provider.replace('.', '/') + ".class")) {
                    expected.computeIfAbsent(service, s -> new TreeSet<>()).add(provider);
                  }
                }
              });
    }
    assertEquals(expected, merged);
    assertEquals(
        Set.of("org.postgresql.Driver", "com.amazon.redshift.Driver", "org.mariadb.jdbc.Driver"),
        merged.get("java.sql.Driver"));
  }

  @Test
  void serviceLoaderOverTheJarAndSparkAloneFindsEveryStageType() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(SparkSubmitProcess.appJar().toUri().toURL());
    for (Path p : SparkSubmitProcess.sparkRuntime()) {
      urls.add(p.toUri().toURL());
    }
    Set<String> expected = new TreeSet<>(StageRegistry.load().types());
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> factory = Class.forName(StageFactory.class.getName(), false, loader);
      assertTrue(factory != StageFactory.class, "the stage SPI must come from the jar");
      Set<String> found = new TreeSet<>();
      for (Object f : ServiceLoader.load(factory, loader)) {
        found.add((String) factory.getMethod("type").invoke(f));
      }
      assertEquals(expected, found);
      assertTrue(found.containsAll(Set.of("jdbc-ingest", "sql", "model-score", "redshift-load")));

      Class<?> driver = Class.forName("java.sql.Driver", false, loader);
      List<String> drivers = new ArrayList<>();
      for (Object d : ServiceLoader.load(driver, loader)) {
        drivers.add(d.getClass().getName());
      }
      assertTrue(drivers.contains("org.postgresql.Driver"), drivers.toString());
      assertTrue(drivers.contains("com.amazon.redshift.Driver"), drivers.toString());
      assertTrue(drivers.contains("org.mariadb.jdbc.Driver"), drivers.toString());
    }
  }

  @Test
  void sparkRuntimeClasspathHoldsNoFerryClassNorABundledLibrary() throws IOException {
    List<String> bundled =
        List.of("io/ferry/", "picocli/", "com/typesafe/config/", "org/postgresql/");
    for (Path jar : SparkSubmitProcess.sparkRuntime()) {
      assertTrue(Files.isRegularFile(jar), jar + " is not a jar");
      try (JarFile file = new JarFile(jar.toFile())) {
        List<String> found =
            file.stream()
                .map(JarEntry::getName)
                .filter(n -> bundled.stream().anyMatch(n::startsWith))
                .limit(3)
                .toList();
        assertEquals(List.of(), found, jar.toString());
      }
    }
  }

  @Test
  void theJarAnswersVersionAndRefusesTheDemoSayingWhereItRuns() throws Exception {
    List<String> common = new ArrayList<>();
    common.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    common.addAll(CliProcess.ADD_OPENS);
    common.add("-cp");
    List<String> cp = new ArrayList<>();
    cp.add(SparkSubmitProcess.appJar().toString());
    SparkSubmitProcess.sparkRuntime().forEach(p -> cp.add(p.toString()));
    common.add(String.join(java.io.File.pathSeparator, cp));
    common.add(Ferry.class.getName());

    CliProcess.Result version = run(common, "--version");
    assertEquals(0, version.exitCode(), version.output());
    String jarName = SparkSubmitProcess.appJar().getFileName().toString();
    String expected = jarName.substring("ferry-launcher-".length(), jarName.length() - 4);
    assertEquals("ferry " + expected, version.output().strip());

    CliProcess.Result demo = run(common, "demo");
    assertEquals(2, demo.exitCode(), demo.output());
    assertTrue(
        demo.output()
            .contains(
                "ferry: the demo starts an embedded PostgreSQL, which the app jar leaves out to"
                    + " stay small; run it from a checkout with bin/ferry demo"),
        demo.output());
  }

  private static CliProcess.Result run(List<String> command, String... args) throws Exception {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of(args));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new CliProcess.Result(p.waitFor(), output);
  }
}
