package io.ferry.engine;

/**
 * A problem with how Ferry is set up, found before anything runs: two jars declaring one stage
 * type, for example. Like a job's problems it maps to exit code 2, never to a stage failure's 1.
 */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }
}
