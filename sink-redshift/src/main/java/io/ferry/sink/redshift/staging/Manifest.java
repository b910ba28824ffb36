package io.ferry.sink.redshift.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The {@code manifest.json} Redshift's COPY reads with {@code MANIFEST}: every staged file as an
 * {@code s3://} URL, {@code mandatory: true} so a missing file fails the COPY instead of loading
 * less, and {@code meta.content_length}, which COPY of Parquet requires.
 */
public final class Manifest {
  public static final String FILE_NAME = "manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifest() {}

  /** The manifest's JSON text, entries in file order. */
  public static String json(StagedFiles staged) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode entries = root.putArray("entries");
    for (StagedFile file : staged.files()) {
      ObjectNode entry = entries.addObject();
      entry.put("url", s3Url(file.path()));
      entry.put("mandatory", true);
      entry.putObject("meta").put("content_length", file.bytes());
    }
    return root.toPrettyString();
  }

  /**
   * Writes the manifest into the staging folder.
   *
   * @return the manifest's {@code s3://} URL
   */
  public static String write(StagedFiles staged, FileSystem fs) throws IOException {
    Path path = new Path(staged.folder(), FILE_NAME);
    try (OutputStream out = fs.create(path, true)) {
      out.write(json(staged).getBytes(StandardCharsets.UTF_8));
    }
    return s3Url(path);
  }

  /**
   * The {@code s3://bucket/key} form Redshift reads, for an {@code s3://}, {@code s3a://} or {@code
   * s3n://} lake path.
   *
   * @throws IllegalArgumentException for a lake that is not on S3, which Redshift cannot read
   */
  public static String s3Url(Path path) {
    URI uri = path.toUri();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    if (!scheme.equals("s3") && !scheme.equals("s3a") && !scheme.equals("s3n")) {
      throw new IllegalArgumentException(
          "Redshift reads staged files only from S3, but the lake path is "
              + path
              + "; set lake.root to an s3:// location, or load a PostgreSQL warehouse (a jdbc:postgresql:// connection) for local runs");
    }
    return "s3://" + uri.getAuthority() + uri.getPath();
  }
}
