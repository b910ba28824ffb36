package io.ferry.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * bin/ferry's classpath with each signed jar replaced by an unsigned copy of it. Janino and its
 * commons-compiler, which Spark's code generation loads in every run, are signed: the JVM checks
 * every class it loads from them against the jar's signature, and class-data sharing never archives
 * a signed jar's classes, so both costs come back in every run (about 0.2 s of a 10-row {@code
 * ferry run} on 2 cores; bench/history/2026-12-01-profile.md). The copies hold the same classes and
 * resources; only the signature files and the manifest's per-entry digests are left out.
 *
 * <p>Only bin/ferry uses the copies. Under spark-submit (EMR), Spark's own jars are on the
 * classpath, as they are.
 *
 * <p>Usage (bin/ferry runs it after each build): {@code UnsignedJars FOLDER CLASSPATH} prints the
 * classpath, with copies written into FOLDER.
 */
public final class UnsignedJars {
  private UnsignedJars() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: UnsignedJars FOLDER CLASSPATH");
      System.exit(2);
    }
    System.out.print(rewrite(args[1], Path.of(args[0])));
  }

  /** The classpath with each signed jar replaced by its unsigned copy in {@code folder}. */
  static String rewrite(String classpath, Path folder) throws IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path jar = Path.of(entry.strip());
      entries.add(isSigned(jar) ? copyUnsigned(jar, folder).toString() : entry.strip());
    }
    return String.join(File.pathSeparator, entries);
  }

  static boolean isSigned(Path jar) throws IOException {
    if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
      return false;
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().anyMatch(e -> isSignatureFile(e.getName()));
    }
  }

  /** A signature block or signature file, as {@code JarFile} finds them: META-INF/*.SF etc. */
  static boolean isSignatureFile(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
      return false;
    }
    return upper.endsWith(".SF")
        || upper.endsWith(".DSA")
        || upper.endsWith(".RSA")
        || upper.endsWith(".EC")
        || upper.startsWith("META-INF/SIG-");
  }

  /**
   * Writes the unsigned copy (under a name that also holds a digest of the jar's path, so two jars
   * of the same file name never share a copy) and returns its path.
   */
  static Path copyUnsigned(Path jar, Path folder) throws IOException {
    Files.createDirectories(folder);
    Path copy = folder.resolve(pathDigest(jar) + "-" + jar.getFileName());
    Path partial = folder.resolve(copy.getFileName() + "." + ProcessHandle.current().pid());
    try (ZipFile zip = new ZipFile(jar.toFile());
        OutputStream file = Files.newOutputStream(partial);
        ZipOutputStream out = new ZipOutputStream(file)) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (isSignatureFile(entry.getName())) {
          continue;
        }
        ZipEntry written = new ZipEntry(entry.getName());
        written.setTime(entry.getTime());
        out.putNextEntry(written);
        try (InputStream in = zip.getInputStream(entry)) {
          if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
            Manifest manifest = new Manifest(in);
            manifest.getEntries().clear();
            manifest.write(out);
          } else {
            in.transferTo(out);
          }
        }
        out.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    return Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String pathDigest(Path jar) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(jar.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("no SHA-256 in this JVM", e));
    }
  }
}
