package io.ferry.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects {@link PostgresDatabase} and {@link PostgresServer} parameters of test constructors, test
 * methods and lifecycle methods ({@code @BeforeAll} included).
 *
 * <p>The server is the JVM's {@linkplain PostgresServer#shared() embedded PostgreSQL}. Each
 * top-level test class gets its own fresh database, created on the first injection and dropped when
 * the class finishes; every test of the class, and of its {@code @Nested} classes, sees the same
 * one.
 *
 * <pre>{@code
 * @ExtendWith(PostgresExtension.class)
 * class MyIngestTest {
 *   @BeforeAll
 *   static void tables(PostgresDatabase db) {
 *     db.execute("CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2))");
 *   }
 * }
 * }</pre>
 */
public final class PostgresExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(PostgresExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == PostgresDatabase.class || type == PostgresServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    PostgresServer server = PostgresServer.shared();
    if (parameter.getParameter().getType() == PostgresServer.class) {
      return server;
    }
    ExtensionContext owner = topLevelClass(context);
    String hint = owner.getTestClass().map(Class::getSimpleName).orElse("test");
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "database",
            key -> new ClassDatabase(server, server.createDatabase(hint)),
            ClassDatabase.class)
        .database();
  }

  /** The context of the outermost test class: the one right below the engine's root context. */
  private static ExtensionContext topLevelClass(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getParent().flatMap(ExtensionContext::getParent).isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /** A class's database; JUnit closes it when the class's context ends, which drops it. */
  private record ClassDatabase(PostgresServer server, PostgresDatabase database)
      implements AutoCloseable {
    @Override
    public void close() {
      server.dropDatabase(database);
    }
  }
}
