package org.amtsgang.test.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import org.apache.aries.jpa.template.EmConsumer;
import org.apache.aries.jpa.template.EmFunction;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * An area's persistence unit on a fresh in-memory Derby database, its schema made by the area's own
 * migration script: what Aries JPA gives the area at runtime, without OSGi. Like Aries'
 * resource-local template, each call is one transaction, rolled back when it throws.
 */
public final class DerbyJpa implements JpaTemplate, AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final String name;
    private final String[] scripts;
    private final EmbeddedDataSource dataSource;
    private final EntityManagerFactory factory;

    /**
     * @param unit the persistence unit, e.g. {@code cases}
     * @param scripts the migration scripts on the class path in their order, e.g. {@code
     *     /db/cases/V1__cases.sql}
     */
    public DerbyJpa(String unit, String... scripts) {
        this.scripts = scripts.clone();
        name = "memory:" + unit + DATABASES.incrementAndGet();
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(name);
        dataSource.setCreateDatabase("create");
        migrate();
        // the races tests provoke are logged as warnings by EclipseLink, expectedly
        factory = Persistence.createEntityManagerFactory(
                unit, Map.of("javax.persistence.nonJtaDataSource", dataSource, "eclipselink.logging.level", "SEVERE"));
    }

    @Override
    public <R> R txExpr(TransactionType type, EmFunction<R> code) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            R result = code.apply(em);
            em.getTransaction().commit();
            return result;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    @Override
    public void tx(TransactionType type, EmConsumer code) {
        txExpr(type, em -> {
            code.accept(em);
            return null;
        });
    }

    @Override
    public <R> R txExpr(EmFunction<R> code) {
        return txExpr(TransactionType.Required, code);
    }

    @Override
    public void tx(EmConsumer code) {
        tx(TransactionType.Required, code);
    }

    /** A number the SQL asks for, e.g. {@code SELECT COUNT(*) FROM CASES_HISTORY}, past JPA. */
    public long count(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement past JPA, e.g. to set up what the API cannot; returns the rows changed. */
    public int execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        factory.close();
        EmbeddedDataSource drop = new EmbeddedDataSource();
        drop.setDatabaseName(name);
        drop.setConnectionAttributes("drop=true");
        try {
            drop.getConnection().close();
        } catch (SQLException dropped) {
            // Derby reports a dropped database as an exception (08006)
        }
    }

    // the statements end with a semicolon at the end of a line, as the platform's migrator reads them
    private void migrate() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String script : scripts) {
                try (InputStream in = DerbyJpa.class.getResourceAsStream(script)) {
                    for (String sql : statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        statement.execute(sql);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(trimmed).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        return statements;
    }
}
