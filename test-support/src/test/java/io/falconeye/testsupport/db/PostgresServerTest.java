package io.falconeye.testsupport.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void keepsDataAndPortAcrossStopAndStart() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        try (Connection c = connect(server); Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('before stop')");
            try (ResultSet r = s.executeQuery("show server_version_num")) {
                r.next();
                assertThat(r.getInt(1)).isGreaterThanOrEqualTo(150000);
            }
        }
        int port = server.port();

        server.stop();
        assertThatThrownBy(() -> connect(server).close()).isInstanceOf(SQLException.class);
        server.start();

        assertThat(server.port()).isEqualTo(port);
        try (Connection c = connect(server); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select v from kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("before stop");
        }
    }

    @Test
    void aPersistentServerFindsItsDataAgainOnAnotherPort() throws Exception {
        java.nio.file.Path base = java.nio.file.Files.createTempDirectory("falcon-eye-pg-persistent");
        PostgresServer first = PostgresServer.persistent(base, 0);
        first.start();
        try (Connection c = connect(first); Statement s = c.createStatement()) {
            s.execute("create table kept (v text)");
            s.execute("insert into kept values ('first run')");
        }
        first.stop();

        PostgresServer second = PostgresServer.persistent(base, 0);
        second.start();
        try (Connection c = connect(second); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select v from kept")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("first run");
        } finally {
            second.destroy();
        }
    }

    @Test
    void rejectsAWrongPassword() {
        PostgresServer server = PostgresServer.shared();
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "wrong").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
    }
}
