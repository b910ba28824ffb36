package io.ferry.launcher;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class FerryVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Ferry.class.getPackage().getImplementationVersion();
    return new String[] {"ferry " + (v == null ? "development" : v)};
  }
}
