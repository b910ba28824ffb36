package io.ferry.launcher;

/** A wrong command line or an unreadable file: exit code 2, message shown without a stack trace. */
final class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
