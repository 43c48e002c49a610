"""The test PostgreSQL is a real server: it takes connections and keeps what is written."""

from __future__ import annotations

import psycopg
import pytest
from pgserver import Postgres


def test_postgres_accepts_a_connection_on_loopback(postgres: Postgres) -> None:
    assert postgres.host == "127.0.0.1"
    with psycopg.connect(postgres.dsn) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        listen = conn.execute("SHOW listen_addresses").fetchone()
        database = conn.execute("SELECT current_database()").fetchone()
    assert version is not None and int(version[0].split(".")[0]) >= 13
    assert listen == ("127.0.0.1",)
    assert database == ("recall",)


def test_a_table_round_trip_survives_a_new_connection(postgres: Postgres) -> None:
    rows = [("learner-1", 1, {"choices": [2]}), ("learner-2", 1, {"choices": [0]})]
    with psycopg.connect(postgres.dsn) as conn:
        conn.execute(
            "CREATE TABLE round_trip"
            " (learner text, seq int, value jsonb, PRIMARY KEY (learner, seq))"
        )
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO round_trip VALUES (%s, %s, %s)",
                [(learner, seq, psycopg.types.json.Jsonb(value)) for learner, seq, value in rows],
            )
    try:
        with psycopg.connect(postgres.dsn) as conn:
            got = conn.execute(
                "SELECT learner, seq, value FROM round_trip ORDER BY learner"
            ).fetchall()
            assert got == rows
            with pytest.raises(psycopg.errors.UniqueViolation):
                conn.execute("INSERT INTO round_trip VALUES ('learner-1', 1, '{}')")
    finally:
        with psycopg.connect(postgres.dsn) as conn:
            conn.execute("DROP TABLE round_trip")
