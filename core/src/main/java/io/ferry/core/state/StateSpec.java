package io.ferry.core.state;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code state}: where watermarks live. {@code lake} (the default) keeps them as files under {@code
 * <lake>/_state}; a warehouse store keeps them in a table reached through {@code connection}, so a
 * load can commit them in the same transaction as the rows they describe.
 *
 * @param store the store's name, as a {@link WatermarkStoreFactory} declares it
 * @param connection the connection of a database-backed store
 * @param schema the schema of a database-backed store's table
 */
public record StateSpec(String store, Optional<String> connection, Optional<String> schema) {
  public static final StateSpec LAKE = new StateSpec("lake", Optional.empty(), Optional.empty());

  public StateSpec {
    requireNonNull(store, "store");
    requireNonNull(connection, "connection");
    requireNonNull(schema, "schema");
  }
}
