package io.ferry.ingest.jdbc.direct;

import java.sql.SQLException;
import java.util.Arrays;

/**
 * PostgreSQL's binary COPY format, read from the CopyData messages of one {@code COPY ... TO STDOUT
 * WITH (FORMAT binary)}: an 11-byte signature, an int32 flags field and an int32 header extension
 * length (then the extension), then per tuple an int16 field count and per field an int32 length
 * ({@code -1} for NULL) and that many bytes, and an int16 {@code -1} as the trailer. All integers
 * are big-endian.
 *
 * <p>The server sends one tuple per message (the first message also holds the header), so a field
 * is normally read where it lies, without copying; a tuple split across messages is joined.
 */
final class BinaryCopyStream {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0
  };
  private static final byte[] EMPTY = new byte[0];

  /** Where the CopyData messages come from: pgjdbc's {@code CopyOut::readFromCopy}. */
  @FunctionalInterface
  interface Messages {
    /** The next message, or {@code null} when the COPY is complete. */
    byte[] next() throws SQLException;
  }

  private final Messages messages;
  private byte[] buffer = EMPTY;
  private int position;
  private boolean headerRead;
  private boolean ended;

  BinaryCopyStream(Messages messages) {
    this.messages = messages;
  }

  /**
   * Starts the next tuple.
   *
   * @return its field count, or {@code -1} after the last tuple (the COPY has then been read to its
   *     end, so the connection is free again)
   */
  int nextTuple() throws SQLException {
    if (ended) {
      return -1;
    }
    if (!headerRead) {
      readHeader();
    }
    if (!ensure(2)) {
      throw new IllegalStateException("the COPY data ended without its trailer");
    }
    int fields = int16(buffer, position);
    position += 2;
    if (fields == -1) {
      drain();
      return -1;
    }
    return fields;
  }

  /**
   * Starts the next field of the current tuple and makes its bytes available at {@link #buffer()}
   * from {@link #position()}.
   *
   * @return its length, {@code -1} for NULL
   */
  int nextField() throws SQLException {
    if (!ensure(4)) {
      throw new IllegalStateException("the COPY data ended inside a tuple");
    }
    int length = int32(buffer, position);
    position += 4;
    if (length > 0 && !ensure(length)) {
      throw new IllegalStateException("the COPY data ended inside a field");
    }
    return length;
  }

  /** The bytes of the current field, from {@link #position()}. */
  byte[] buffer() {
    return buffer;
  }

  int position() {
    return position;
  }

  /** Moves past the current field's bytes. */
  void skip(int length) {
    position += length;
  }

  private void readHeader() throws SQLException {
    if (!ensure(SIGNATURE.length + 8)
        || !Arrays.equals(
            buffer, position, position + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
      throw new IllegalStateException("the COPY data does not start with the binary signature");
    }
    position += SIGNATURE.length;
    int flags = int32(buffer, position);
    if ((flags & 0x0001_0000) != 0) {
      throw new IllegalStateException("the COPY data holds OIDs, which Ferry does not read");
    }
    int extension = int32(buffer, position + 4);
    position += 8;
    if (!ensure(extension)) {
      throw new IllegalStateException("the COPY data ended inside its header extension");
    }
    position += extension;
    headerRead = true;
  }

  /** Makes {@code n} bytes readable from {@code position}; false when the COPY ends first. */
  private boolean ensure(int n) throws SQLException {
    while (buffer.length - position < n) {
      byte[] next = messages.next();
      if (next == null) {
        ended = true;
        return false;
      }
      int left = buffer.length - position;
      if (left == 0) {
        buffer = next;
      } else {
        byte[] joined = Arrays.copyOfRange(buffer, position, position + left + next.length);
        System.arraycopy(next, 0, joined, left, next.length);
        buffer = joined;
      }
      position = 0;
    }
    return true;
  }

  /** Reads the messages after the trailer until the COPY completes. */
  private void drain() throws SQLException {
    ended = true;
    while (messages.next() != null) {
      // Nothing follows the trailer; reading to the end completes the COPY on the connection.
    }
    buffer = EMPTY;
    position = 0;
  }

  static int int16(byte[] b, int at) {
    return (short) (((b[at] & 0xff) << 8) | (b[at + 1] & 0xff));
  }

  static int int32(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  static long int64(byte[] b, int at) {
    return ((long) int32(b, at) << 32) | (int32(b, at + 4) & 0xffff_ffffL);
  }
}
