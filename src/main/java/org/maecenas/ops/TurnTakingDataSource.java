package org.maecenas.ops;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * The application's data source, handing a thread that runs inside {@link DatabaseTurns#run} a
 * connection whose statements take turns; every other thread gets the pool's connection untouched.
 */
final class TurnTakingDataSource extends DelegatingDataSource {

    TurnTakingDataSource(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return taking(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return taking(super.getConnection(username, password));
    }

    private static Connection taking(Connection connection) {
        DatabaseTurns turns = DatabaseTurns.current();
        return turns == null ? connection : proxy(Connection.class, connection, new OnConnection(connection, turns));
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return type.cast(
                Proxy.newProxyInstance(TurnTakingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static @Nullable Object call(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * What a proxy answers itself: equality is identity, and it is a wrapper of what it wraps;
     * {@code null} when the call is for the target.
     */
    private static @Nullable Object own(Object proxy, Object target, Method method, Object @Nullable [] args)
            throws SQLException {
        return switch (method.getName()) {
            case "equals" -> args != null && proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "unwrap" ->
                args != null && ((Class<?>) args[0]).isInstance(proxy)
                        ? proxy
                        : ((java.sql.Wrapper) target).unwrap((Class<?>) args[0]);
            case "isWrapperFor" ->
                args != null && ((Class<?>) args[0]).isInstance(proxy)
                        || ((java.sql.Wrapper) target).isWrapperFor((Class<?>) args[0]);
            default -> null;
        };
    }

    /** Statements made on the connection take turns; everything else goes straight to it. */
    private record OnConnection(Connection connection, DatabaseTurns turns) implements InvocationHandler {

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            Object own = own(proxy, connection, method, args);
            if (own != null) {
                return own;
            }
            Connection self = (Connection) proxy;
            Object result = call(connection, method, args);
            return switch (result) {
                case CallableStatement s -> proxy(CallableStatement.class, s, new OnStatement(s, self, turns));
                case PreparedStatement s -> proxy(PreparedStatement.class, s, new OnStatement(s, self, turns));
                case Statement s -> proxy(Statement.class, s, new OnStatement(s, self, turns));
                case null, default -> result;
            };
        }
    }

    /** Each execution waits for a turn and gives it back when the database has answered. */
    private record OnStatement(Statement statement, Connection connection, DatabaseTurns turns)
            implements InvocationHandler {

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            Object own = own(proxy, statement, method, args);
            if (own != null) {
                return own;
            }
            if (method.getName().equals("getConnection")) {
                return connection; // statements made through it take turns as well
            }
            if (!method.getName().startsWith("execute")) {
                return call(statement, method, args);
            }
            boolean turn = turns.take();
            long start = System.nanoTime();
            try {
                return call(statement, method, args);
            } finally {
                turns.spent(System.nanoTime() - start);
                if (turn) {
                    turns.giveBack();
                }
            }
        }
    }

    /** Wraps the application's data source (there is one: the pool). */
    @Component
    static class Wrapping implements BeanPostProcessor {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            return bean instanceof DataSource pool && !(bean instanceof TurnTakingDataSource)
                    ? new TurnTakingDataSource(pool)
                    : bean;
        }
    }
}
