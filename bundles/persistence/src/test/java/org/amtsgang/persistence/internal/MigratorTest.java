package org.amtsgang.persistence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.Before;
import org.junit.Test;

/** Against a real embedded Derby database on disk. */
public class MigratorTest {

    private String url;
    private Migrator migrator;

    @Before
    public void freshDatabase() {
        File dir = new File("target/derby/" + System.nanoTime());
        url = "jdbc:derby:" + dir.getAbsolutePath() + ";create=true";
        migrator = new Migrator(new UrlDataSource(url));
    }

    @Test
    public void appliesScriptsInVersionOrderOnce() throws SQLException {
        List<Script> scripts = List.of(
                Script.of("V2__names.sql", "ALTER TABLE T ADD COLUMN NAME VARCHAR(20);\n"),
                Script.of("V1__table.sql", "-- the first table\nCREATE TABLE T (\n  ID INT PRIMARY KEY\n);\n"));

        assertThat(migrator.migrate("demo", scripts)).isEqualTo(2);
        assertThat(migrator.migrate("demo", scripts)).isEqualTo(2);

        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("INSERT INTO T (ID, NAME) VALUES (1, 'eins')");
            ResultSet history =
                    c.createStatement().executeQuery("SELECT COUNT(*) FROM AMTSGANG_SCHEMA WHERE AREA = 'demo'");
            history.next();
            assertThat(history.getInt(1)).isEqualTo(2);
        }
        assertThat(migrator.dialect()).isEqualTo("derby");
    }

    @Test
    public void aFailingScriptLeavesNothingBehind() throws SQLException {
        Script broken = Script.of("V1__broken.sql", "CREATE TABLE A (ID INT);\nCREATE TABLE B (ID NOSUCHTYPE);\n");

        assertThatThrownBy(() -> migrator.migrate("demo", List.of(broken)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V1__broken.sql");

        try (Connection c = DriverManager.getConnection(url);
                ResultSet tables = c.getMetaData().getTables(null, null, "A", null)) {
            assertThat(tables.next()).as("table A rolled back").isFalse();
        }
    }

    @Test
    public void aScriptChangedAfterItRanIsAnError() {
        migrator.migrate("demo", List.of(Script.of("V1__t.sql", "CREATE TABLE T (ID INT);")));

        assertThatThrownBy(() -> migrator.migrate("demo", List.of(Script.of("V1__t.sql", "CREATE TABLE T (X INT);"))))
                .hasMessageContaining("was changed after it ran");
    }

    @Test
    public void areasAreKeptApart() {
        migrator.migrate("one", List.of(Script.of("V1__a.sql", "CREATE TABLE ONE_A (ID INT);")));

        assertThat(migrator.migrate("two", List.of(Script.of("V1__a.sql", "CREATE TABLE TWO_A (ID INT);"))))
                .isEqualTo(1);
    }

    @Test
    public void readsOnlyMigrationFileNames() {
        assertThat(Script.of("README.sql", "")).isNull();
        assertThat(Script.of("V12__add_index.sql", "").version()).isEqualTo(12);
    }

    /** The smallest DataSource over DriverManager: enough for the migrator. */
    private record UrlDataSource(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
