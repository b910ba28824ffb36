package io.ferry.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ferry's unsigned copies of signed jars: Janino, signed, as Spark's code generation loads it.
 */
class UnsignedJarsTest {
  static final String CLASS = "org/codehaus/janino/SimpleCompiler.class";

  @TempDir Path folder;

  static Path janino() throws URISyntaxException {
    return Path.of(
        org.codehaus.janino.SimpleCompiler.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toURI());
  }

  /** Reads the entry whole (a JarFile checks a signed entry as it is read); its signers. */
  static Object[] readSigners(Path jar, String name, byte[][] bytes) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), true)) {
      JarEntry entry = file.getJarEntry(name);
      assertNotNull(entry, name + " in " + jar);
      try (InputStream in = file.getInputStream(entry)) {
        bytes[0] = in.readAllBytes();
      }
      return entry.getCodeSigners();
    }
  }

  @Test
  void aSignedJarIsReplacedByACopyWithTheSameClassesAndNoSignature() throws Exception {
    Path janino = janino();
    Path plain = Files.createDirectories(folder.resolve("classes"));
    assertTrue(UnsignedJars.isSigned(janino), "Janino " + janino + " is signed");

    String classpath =
        UnsignedJars.rewrite(
            janino + File.pathSeparator + plain + File.pathSeparator, folder.resolve("copies"));

    List<String> entries = List.of(classpath.split(File.pathSeparator));
    assertEquals(2, entries.size(), classpath);
    Path copy = Path.of(entries.get(0));
    assertEquals(folder.resolve("copies"), copy.getParent());
    assertTrue(copy.getFileName().toString().endsWith("-" + janino.getFileName()), copy.toString());
    assertEquals(plain.toString(), entries.get(1), "what is not a signed jar stays as it was");
    assertFalse(UnsignedJars.isSigned(copy));

    byte[][] original = new byte[1][];
    byte[][] copied = new byte[1][];
    assertNotNull(readSigners(janino, CLASS, original), "the original's class is signed");
    assertNull(readSigners(copy, CLASS, copied), "the copy's class is not");
    assertArrayEquals(original[0], copied[0]);
    try (JarFile a = new JarFile(janino.toFile());
        JarFile b = new JarFile(copy.toFile())) {
      assertEquals(
          a.stream().filter(e -> !UnsignedJars.isSignatureFile(e.getName())).count(),
          b.stream().count(),
          "every entry but the signature files");
      assertEquals(
          a.getManifest().getMainAttributes(),
          b.getManifest().getMainAttributes(),
          "the manifest's main section");
      assertTrue(b.getManifest().getEntries().isEmpty(), "no per-entry digests");
    }
  }

  @Test
  void signatureFilesAreTheOnesJarFileReads() {
    assertTrue(UnsignedJars.isSignatureFile("META-INF/DUMMY.SF"));
    assertTrue(UnsignedJars.isSignatureFile("META-INF/dummy.dsa"));
    assertTrue(UnsignedJars.isSignatureFile("META-INF/SIG-X"));
    assertFalse(UnsignedJars.isSignatureFile("META-INF/MANIFEST.MF"));
    assertFalse(UnsignedJars.isSignatureFile("META-INF/maven/x/y.SF"));
    assertFalse(UnsignedJars.isSignatureFile("org/x/Y.RSA"));
  }
}
