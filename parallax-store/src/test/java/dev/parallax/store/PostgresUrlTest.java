package dev.parallax.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a PostgreSQL URL and the libpq environment variables point; no server needed. */
class PostgresUrlTest {
    @Test
    void aLibpqUrlGivesTheJdbcUrlTheLoginAndParametersAndIsShownWithoutItsPassword() {
        PostgresStore.Location l = PostgresStore.Location.parse(
                "postgresql://alice:s3cr%40t+1@db.example.org:6543/news?sslmode=require&currentSchema=wire", Map.of());
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.org:6543/news");
        assertThat(l.properties()).containsEntry("user", "alice").containsEntry("password", "s3cr@t+1")
                .containsEntry("sslmode", "require").containsEntry("currentSchema", "wire");
        assertThat(l.shown()).isEqualTo("postgresql://alice@db.example.org:6543/news?currentSchema=wire");
    }

    @Test
    void whatTheUrlLeavesOutComesFromThePgVariables() {
        Map<String, String> env = Map.of("PGHOST", "pg.internal", "PGPORT", "5433", "PGDATABASE", "parallax",
                "PGUSER", "ingest", "PGPASSWORD", "from-env");
        PostgresStore.Location l = PostgresStore.Location.parse("postgresql://", env);
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.internal:5433/parallax");
        assertThat(l.properties()).containsEntry("user", "ingest").containsEntry("password", "from-env");
        assertThat(l.shown()).isEqualTo("postgresql://ingest@pg.internal:5433/parallax");

        PostgresStore.Location jdbc = PostgresStore.Location.parse(
                "jdbc:postgresql://localhost/news?user=bob&password=pw", env);
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/news");
        assertThat(jdbc.properties()).containsEntry("user", "bob").containsEntry("password", "pw");

        PostgresStore.Location portOnly = PostgresStore.Location.parse("postgresql://carol@:6000/news", env);
        assertThat(portOnly.jdbcUrl()).isEqualTo("jdbc:postgresql://pg.internal:6000/news");
        assertThat(portOnly.properties()).containsEntry("user", "carol");
    }

    @Test
    void aBadUrlIsOneLineThatNeverShowsThePassword() {
        assertThatThrownBy(() -> PostgresStore.Location.parse("postgresql://alice:p@ss word@host/db", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("the PostgreSQL URL does not parse (at character ")
                .hasMessageNotContaining("ss word");
        assertThatThrownBy(() -> PostgresStore.Location.parse("postgresql://h1:5432,h2:5432/db", Map.of()))
                .hasMessageStartingWith("the PostgreSQL URL names no usable host");
        assertThatThrownBy(() -> PostgresStore.Location.parse("postgresql:///db", Map.of("PGHOST", "/run/pg")))
                .hasMessage("PGHOST names a socket directory (/run/pg), which the JDBC driver cannot use: give a host"
                        + " name, such as localhost");
        assertThatThrownBy(() -> PostgresStore.Location.parse("mysql://host/db", Map.of()))
                .hasMessageStartingWith("not a PostgreSQL URL: expected postgresql://");
        assertThatThrownBy(() -> PostgresStore.Location.parse("postgresql:/host/db", Map.of()))
                .hasMessageStartingWith("not a PostgreSQL URL: expected postgresql://");
        assertThat(PostgresStore.isUrl("postgresql:/host/db")).as("a mistyped URL is not a directory name").isTrue();
        assertThat(PostgresStore.isUrl("parallax-data")).isFalse();
        assertThat(PostgresStore.isUrl("JDBC:PostgreSQL://host/db")).isTrue();
    }

    @Test
    void anUnreachableServerIsOneLineNamingWhereWithoutThePassword() {
        // Port 1 on the loopback interface: nothing listens there, so the connection is refused at once.
        assertThatThrownBy(() -> PostgresStore.open("postgresql://alice:hunter2@127.0.0.1:1/news", Map.of()))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the PostgreSQL store postgresql://alice@127.0.0.1:1/news: ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
        // .invalid is reserved: no resolver knows it.
        assertThatThrownBy(() -> PostgresStore.open("postgresql://alice@parallax.invalid/news", Map.of()))
                .hasMessageStartingWith("cannot open the PostgreSQL store"
                        + " postgresql://alice@parallax.invalid:5432/news:")
                .hasMessageContaining("UnknownHostException: parallax.invalid");
    }
}
