package io.ferry.testkit;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random passwords and keys for test servers: hex, so they need no quoting anywhere. */
final class RandomTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomTokens() {}

  /** {@code bytes} random bytes as lower-case hex (twice as many characters). */
  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
