package org.amtsgang.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies scripts to a database and records them in {@code AMTSGANG_SCHEMA}. Independent of OSGi,
 * so that it is tested against a real Derby database on disk.
 */
final class Migrator {

    private static final String HISTORY = "AMTSGANG_SCHEMA";

    private final Logger logger = LoggerFactory.getLogger(Migrator.class);
    private final DataSource dataSource;

    Migrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The database's name as the scripts' subfolders use it: {@code derby}, {@code postgresql}, … */
    String dialect() {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            return product.contains("derby") ? "derby" : product.contains("postgres") ? "postgresql" : product;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** Applies the pending scripts of an area in version order; returns the version reached. */
    synchronized int migrate(String area, List<Script> scripts) {
        try (Connection connection = dataSource.getConnection()) {
            ensureHistory(connection);
            Map<Integer, String> applied = applied(connection, area);
            int version =
                    applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            for (Script script : scripts.stream()
                    .sorted(java.util.Comparator.comparingInt(Script::version))
                    .toList()) {
                String checksum = applied.get(script.version());
                if (checksum != null) {
                    if (!checksum.equals(script.checksum())) {
                        throw new IllegalStateException("Migration " + area + "/" + script.name()
                                + " was changed after it ran; add a new script instead");
                    }
                    continue;
                }
                apply(connection, area, script);
                version = Math.max(version, script.version());
            }
            return version;
        } catch (SQLException e) {
            throw new IllegalStateException("Schema migration of " + area + " failed: " + e.getMessage(), e);
        }
    }

    private void apply(Connection connection, String area, Script script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.statements()) {
                statement.execute(sql);
            }
            try (PreparedStatement record = connection.prepareStatement("INSERT INTO " + HISTORY
                    + " (AREA, VERSION, SCRIPT, CHECKSUM, APPLIED_AT) VALUES (?, ?, ?, ?, ?)")) {
                record.setString(1, area);
                record.setInt(2, script.version());
                record.setString(3, script.name());
                record.setString(4, script.checksum());
                record.setTimestamp(5, Timestamp.from(Instant.now()));
                record.executeUpdate();
            }
            connection.commit();
            logger.info("Schema of {}: applied {}", area, script.name());
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException(script.name() + ": " + e.getMessage(), e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void ensureHistory(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, HISTORY, null)) {
            if (tables.next()) {
                return;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + HISTORY + " (AREA VARCHAR(64) NOT NULL, VERSION INT NOT NULL,"
                    + " SCRIPT VARCHAR(200) NOT NULL, CHECKSUM VARCHAR(64) NOT NULL, APPLIED_AT TIMESTAMP NOT NULL,"
                    + " PRIMARY KEY (AREA, VERSION))");
        } catch (SQLException e) {
            // another migrator may have created it a moment ago
            try (ResultSet tables = connection.getMetaData().getTables(null, null, HISTORY, null)) {
                if (!tables.next()) {
                    throw e;
                }
            }
        }
    }

    private static Map<Integer, String> applied(Connection connection, String area) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT VERSION, CHECKSUM FROM " + HISTORY + " WHERE AREA = ?")) {
            query.setString(1, area);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    applied.put(rows.getInt(1), rows.getString(2));
                }
            }
        }
        return applied;
    }
}
