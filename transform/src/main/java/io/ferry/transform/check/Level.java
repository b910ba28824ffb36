package io.ferry.transform.check;

/** What a failed expectation does: {@code fail} stops the job, {@code warn} is only reported. */
public enum Level {
  FAIL,
  WARN
}
