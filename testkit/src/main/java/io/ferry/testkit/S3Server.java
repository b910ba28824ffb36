package io.ferry.testkit;

import static java.util.Objects.requireNonNull;

import io.ferry.core.lake.LakeFileSystems;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server on loopback: S3Proxy 4.1.0 with its filesystem backend, run as its
 * own process (its classpath clashes with Spark's), with AWS signature v2/v4 authentication and a
 * test key pair. One server per JVM, started on first use by {@link #shared()}, destroyed by a JVM
 * shutdown hook together with its data, or, when this JVM dies without running its hooks (kill -9,
 * a CI timeout), by {@link OrphanGuard} inside the S3Proxy process. Its output goes to {@code
 * target/s3proxy.log} of the module under test.
 *
 * <p>The S3Proxy jar is {@code org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies}, found through the
 * system property {@value #JAR_PROPERTY} (Ferry's parent pom sets it for surefire and copies the
 * jar to {@code target/s3proxy} in modules that set {@code
 * <ferry.s3proxy.skip>false</ferry.s3proxy.skip>}), else in the local Maven repository.
 *
 * <p>Buckets are shared by every test of the JVM: take a fresh one from {@link #newBucket()}.
 *
 * <p>A test that stops the server (a fault test) starts its own with {@link #start(Path)}, so that
 * the shared one is never disturbed, and drives it with {@link #stop()} and {@link #restart()}.
 */
public final class S3Server {
  /** System property naming the S3Proxy jar. */
  public static final String JAR_PROPERTY = "ferry.s3proxy.jar";

  /** The region every client and setting uses. */
  public static final String REGION = "us-east-1";

  static final String S3PROXY_VERSION = "4.1.0";
  private static final String S3PROXY_MAIN = "org.gaul.s3proxy.Main";
  private static final String ACCESS_KEY = "ferry-test-access-key";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final long POLL_MILLIS = 50;
  private static final int START_ATTEMPTS = 3;

  // One counter for every server of the JVM: S3A caches a file system per bucket name.
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private static S3Server shared;
  private static RuntimeException startFailure;

  private final Path jar;
  private final String endpoint;
  private final String secretKey;
  private final Path workDir;
  private final Path dataDir;
  private final Path logFile;
  private final boolean owned;
  private Process process;
  private S3Client client;

  private S3Server(
      Path jar,
      String endpoint,
      String secretKey,
      Process process,
      Path workDir,
      Path dataDir,
      Path logFile,
      boolean owned) {
    this.jar = jar;
    this.endpoint = endpoint;
    this.secretKey = secretKey;
    this.process = process;
    this.workDir = workDir;
    this.dataDir = dataDir;
    this.logFile = logFile;
    this.owned = owned;
  }

  /**
   * The JVM's server, started on the first call (a second or two) and ready when this returns.
   *
   * @throws IllegalStateException when the S3Proxy jar is missing or the server does not start; the
   *     message says how to fix it or where the server's log is
   */
  public static synchronized S3Server shared() {
    if (startFailure != null) {
      throw new IllegalStateException(
          "S3Proxy failed to start earlier in this JVM: " + startFailure.getMessage(),
          startFailure);
    }
    if (shared == null) {
      try {
        shared = start(locateJar(), Optional.empty());
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
      S3Server server = shared;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(server::shutdown, "ferry-testkit-s3proxy-shutdown"));
    }
    return shared;
  }

  /**
   * A server of the caller's own, not the JVM's shared one, keeping its buckets in {@code dataDir}
   * (which it never deletes), on a free loopback port it keeps across {@link #restart()}. It stops
   * at JVM exit at the latest.
   *
   * @throws IllegalStateException as {@link #shared()}
   */
  public static S3Server start(Path dataDir) {
    requireNonNull(dataDir, "dataDir");
    S3Server server = start(locateJar(), Optional.of(dataDir));
    Runtime.getRuntime()
        .addShutdownHook(new Thread(server::shutdown, "ferry-testkit-s3proxy-shutdown"));
    return server;
  }

  /**
   * Stops the process, as a crash or an outage would: requests are refused until {@link
   * #restart()}. The data stays. Returns once the port is closed.
   *
   * @throws IllegalStateException on the JVM's shared server, which other tests use
   */
  public synchronized void stop() {
    requireOwned("stop");
    destroy(process);
  }

  /**
   * Starts the stopped server again on the same port, with the same data and key pair; ready when
   * this returns. Clients and S3A file systems made before the stop keep working.
   *
   * @throws IllegalStateException on the JVM's shared server, or when it is still running or does
   *     not start (the message names its log)
   */
  public synchronized void restart() {
    requireOwned("restart");
    if (process.isAlive()) {
      throw new IllegalStateException(this + " is running; stop() it before restart()");
    }
    process = launch(jar, workDir, dataDir, logFile, endpoint, secretKey);
    try {
      awaitReady(process, endpoint, logFile);
    } catch (RuntimeException e) {
      destroy(process);
      throw e;
    }
  }

  private void requireOwned(String what) {
    if (!owned) {
      throw new IllegalStateException(
          "cannot " + what + " the JVM's shared S3 server; start one with S3Server.start(dataDir)");
    }
  }

  /** The endpoint URL, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  /** The secret key of the test key pair; random per JVM. Do not print it. */
  public String secretKey() {
    return secretKey;
  }

  /** Always {@value #REGION}. */
  public String region() {
    return REGION;
  }

  /** The file the server's stdout and stderr go to. */
  public Path logFile() {
    return logFile;
  }

  /** Creates a bucket with a name unique in this JVM and returns the name. */
  public String newBucket() {
    String name = "ferry-test-" + String.format("%04d", BUCKETS.incrementAndGet());
    client().createBucket(b -> b.bucket(name));
    return name;
  }

  /**
   * An SDK v2 client for this server: endpoint override, path-style access, region {@value
   * #REGION}, the test key pair. The client is shared by the JVM and closed at exit: do not close
   * it.
   */
  public synchronized S3Client client() {
    if (client == null) {
      client =
          S3Client.builder()
              .endpointOverride(URI.create(endpoint))
              .region(Region.of(REGION))
              .forcePathStyle(true)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(ACCESS_KEY, secretKey)))
              .build();
    }
    return client;
  }

  /**
   * The Hadoop settings that make S3A (for {@code s3a://} and, through Ferry's binding, {@code
   * s3://}) talk to this server.
   */
  public Map<String, String> hadoopS3aSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("fs.s3a.endpoint", endpoint);
    out.put("fs.s3a.endpoint.region", REGION);
    out.put("fs.s3a.path.style.access", "true");
    out.put("fs.s3a.connection.ssl.enabled", "false");
    out.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    out.put("fs.s3a.access.key", ACCESS_KEY);
    out.put("fs.s3a.secret.key", secretKey);
    return Collections.unmodifiableMap(out);
  }

  /**
   * Sets {@link #hadoopS3aSettings()} on the session's Hadoop configuration and binds {@code s3://}
   * to S3A there if nothing binds it. File systems already cached for a bucket keep their settings,
   * so call this before the first access to a bucket, e.g. in {@code @BeforeAll}.
   */
  public void applyTo(SparkSession spark) {
    Configuration conf = requireNonNull(spark, "spark").sparkContext().hadoopConfiguration();
    hadoopS3aSettings().forEach(conf::set);
    LakeFileSystems.bindS3Scheme(conf);
  }

  /**
   * A HOCON block for a Ferry job that points its lake at this server. It is written with the full
   * path {@code lake.s3 { ... }}, so put it at the top level of a job, next to {@code lake.root =
   * "s3a://<bucket>/lake"} (not inside a {@code lake { }} block).
   */
  public String hoconLakeS3() {
    return "lake.s3 {\n"
        + "  endpoint = \""
        + endpoint
        + "\"\n"
        + "  region = \""
        + REGION
        + "\"\n"
        + "  path-style-access = true\n"
        + "  access-key = \""
        + ACCESS_KEY
        + "\"\n"
        + "  secret-key = \""
        + secretKey
        + "\"\n"
        + "}\n";
  }

  @Override
  public String toString() {
    return "S3Proxy at " + endpoint;
  }

  /** The jar: the system property, else the local Maven repository; fails saying how to fix. */
  static Path locateJar() {
    String property = System.getProperty(JAR_PROPERTY);
    if (property != null && !property.isBlank() && Files.isRegularFile(Path.of(property))) {
      return Path.of(property);
    }
    Path fromRepository =
        Path.of(
            System.getProperty("user.home"),
            ".m2",
            "repository",
            "org",
            "gaul",
            "s3proxy",
            S3PROXY_VERSION,
            "s3proxy-" + S3PROXY_VERSION + "-jar-with-dependencies.jar");
    if (Files.isRegularFile(fromRepository)) {
      return fromRepository;
    }
    throw new IllegalStateException(
        "S3Proxy jar not found (system property "
            + JAR_PROPERTY
            + "="
            + property
            + ", and not at "
            + fromRepository
            + "). Set <ferry.s3proxy.skip>false</ferry.s3proxy.skip> in the module's pom so that"
            + " Maven copies it to target/s3proxy, or fetch it with: mvn dependency:get"
            + " -Dartifact=org.gaul:s3proxy:"
            + S3PROXY_VERSION
            + ":jar:jar-with-dependencies");
  }

  private static S3Server start(Path jar, Optional<Path> ownData) {
    Path workDir;
    Path dataDir;
    Path logFile;
    try {
      workDir = Files.createTempDirectory("ferry-s3proxy-");
      dataDir = ownData.orElse(workDir.resolve("data"));
      Files.createDirectories(dataDir);
      Path targetDir =
          Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target");
      Files.createDirectories(targetDir);
      logFile = targetDir.resolve("s3proxy.log");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create S3Proxy's folders; check that java.io.tmpdir and target/ are writable", e);
    }
    String secretKey = RandomTokens.hex(20);
    for (int attempt = 1; ; attempt++) {
      String endpoint = "http://127.0.0.1:" + freePort();
      Process process = launch(jar, workDir, dataDir, logFile, endpoint, secretKey);
      try {
        awaitReady(process, endpoint, logFile);
        return new S3Server(
            jar, endpoint, secretKey, process, workDir, dataDir, logFile, ownData.isPresent());
      } catch (ExitedEarly e) {
        // Most likely another process took the free port first; a new port usually fixes it.
        if (attempt == START_ATTEMPTS) {
          deleteRecursively(workDir);
          throw e;
        }
      } catch (RuntimeException e) {
        process.destroyForcibly();
        deleteRecursively(workDir);
        throw e;
      }
    }
  }

  private static Process launch(
      Path jar, Path workDir, Path dataDir, Path logFile, String endpoint, String secretKey) {
    Path properties = workDir.resolve("s3proxy.properties");
    String text =
        String.join(
            "\n",
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + dataDir,
            "jclouds.identity=ferry",
            "jclouds.credential=ferry",
            "");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx1g", "-XX:+UseSerialGC"));
    Optional<Path> guard = guardLocation();
    if (guard.isPresent()) {
      // Ends S3Proxy and deletes its data when this JVM dies, even by kill -9 (OrphanGuard).
      command.addAll(
          List.of(
              "-cp",
              jar + File.pathSeparator + guard.get(),
              OrphanGuard.class.getName(),
              workDir.toString(),
              S3PROXY_MAIN));
    } else {
      command.addAll(List.of("-jar", jar.toString()));
    }
    command.addAll(List.of("--properties", properties.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    try {
      // A stopped server's guard deletes the folder: a restart makes it again.
      Files.createDirectories(workDir);
      Files.writeString(properties, text, StandardCharsets.UTF_8);
      Files.writeString(
          logFile,
          "--- " + Instant.now() + " starting S3Proxy at " + endpoint + " from " + jar + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start S3Proxy with " + java + " -jar " + jar, e);
    }
  }

  /**
   * Polls the endpoint until it answers HTTP (any status: an anonymous request gets 403) or the
   * process exits or the deadline passes.
   */
  private static void awaitReady(Process process, String endpoint, Path logFile) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        http.send(probe, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        // Not listening yet: wait one poll interval, or notice that the process died.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for S3Proxy to start", e);
      }
      try {
        if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          throw new ExitedEarly(
              "S3Proxy exited with code "
                  + process.exitValue()
                  + " before it served "
                  + endpoint
                  + "; see its log "
                  + logFile.toAbsolutePath());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for S3Proxy to start", e);
      }
    }
    throw new IllegalStateException(
        "S3Proxy did not serve "
            + endpoint
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; see its log "
            + logFile.toAbsolutePath());
  }

  /** The jar or folder {@link OrphanGuard} is loaded from, to put on S3Proxy's classpath. */
  private static Optional<Path> guardLocation() {
    try {
      var source = OrphanGuard.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The S3Proxy process id, for tests. */
  synchronized long pid() {
    return process.pid();
  }

  /**
   * The folder of S3Proxy's settings (and the shared server's data), deleted when its process ends.
   */
  Path workDir() {
    return workDir;
  }

  /** S3Proxy exited before it served its endpoint. */
  private static final class ExitedEarly extends IllegalStateException {
    ExitedEarly(String message) {
      super(message);
    }
  }

  private synchronized void shutdown() {
    if (client != null) {
      client.close();
    }
    destroy(process);
    deleteRecursively(workDir);
  }

  private static void destroy(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1 for S3Proxy", e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort at exit: a leftover temporary folder is harmless.
    }
  }
}
