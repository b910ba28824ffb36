package io.ferry.sink.redshift.unload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The manifest UNLOAD writes: the files it produced, as {@code s3://} URLs. Reading the files it
 * lists, rather than the folder, keeps the manifest itself out of the dataset.
 */
public final class UnloadManifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UnloadManifest() {}

  /**
   * The listed files as lake paths: each URL's bucket and key under the lake's own scheme ({@code
   * s3a://} where the lake uses it).
   */
  public static List<Path> files(FileSystem fs, Path manifest, String lakeScheme)
      throws IOException {
    JsonNode root;
    try (InputStream in = fs.open(manifest)) {
      root = JSON.readTree(in);
    }
    List<Path> files = new ArrayList<>();
    JsonNode entries = root.path("entries");
    for (JsonNode entry : entries) {
      URI url = URI.create(entry.path("url").asText());
      files.add(new Path(lakeScheme + "://" + url.getAuthority() + url.getPath()));
    }
    return files;
  }
}
