package io.ferry.ingest.jdbc.commit;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The rows Spark wrote into an attempt folder, counted from the Parquet footers of its data files
 * (each footer holds its row groups' row counts), without a Spark job and without reading a column.
 * A data file is a {@code .parquet} file below the folder, in partition subfolders too, none of
 * whose path elements below the folder starts with {@code _} or {@code .} (Spark's and Hadoop's
 * hidden files: {@code _SUCCESS}, {@code _temporary}, {@code .crc} checksums): exactly the files a
 * reader of the committed run folder sees.
 */
public final class WrittenRows {
  private WrittenRows() {}

  /**
   * @param fs the file system holding {@code folder}
   * @param folder the attempt folder, after Spark's write finished
   * @throws UncheckedIOException naming the folder when it or a footer cannot be read
   */
  public static long in(FileSystem fs, Path folder) {
    String prefix = fs.makeQualified(folder).toUri().getPath();
    long rows = 0;
    try {
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(folder, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        String below = file.getPath().toUri().getPath().substring(prefix.length());
        if (isDataFile(below)) {
          try (ParquetFileReader footer =
              ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()))) {
            rows += footer.getRecordCount();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot count the rows written to " + folder + " from their Parquet footers", e);
    }
    return rows;
  }

  /** {@code below}: the file's path under the folder, e.g. {@code /region=eu/part-0.parquet}. */
  static boolean isDataFile(String below) {
    if (!below.endsWith(".parquet")) {
      return false;
    }
    for (String element : below.split("/")) {
      if (element.startsWith("_") || element.startsWith(".")) {
        return false;
      }
    }
    return true;
  }
}
