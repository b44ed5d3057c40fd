"""Engines and sessions: PostgreSQL (a URL, or RDS with its managed secret) or an embedded SQLite file."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from .config import Settings
from .rds_secret import RdsSecret

_PSYCOPG_DRIVER = "postgresql+psycopg"


def database_url(settings: Settings) -> URL:
    if settings.database_url:
        url = make_url(settings.database_url)
        if url.drivername in ("postgres", "postgresql"):
            # Only psycopg 3 is installed; plain ``postgresql://`` would look for psycopg2.
            url = url.set(drivername=_PSYCOPG_DRIVER)
        return url
    if settings.uses_rds_secret:
        return URL.create(
            _PSYCOPG_DRIVER,
            host=settings.db_host,
            port=settings.db_port,
            database=settings.db_name,
            query={"sslmode": settings.db_sslmode},
        )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return URL.create("sqlite", database=str(settings.data_dir / "webapp.sqlite3"))


def build_engine(settings: Settings, *, secrets_client: Any = None) -> Engine:
    url = database_url(settings)
    # Statement parameters hold names and e-mail addresses; keep them out of error messages and logs.
    options: dict[str, Any] = {"hide_parameters": True}
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 30}, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_recycle=1800,
        connect_args={"connect_timeout": 5},
        **options,
    )
    if settings.uses_rds_secret:
        import boto3  # only RDS mode needs it; keeps `migrate` quick to start elsewhere

        client = secrets_client or boto3.session.Session().client(
            "secretsmanager", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url
        )
        _use_rds_secret(engine, RdsSecret(client, str(settings.db_secret_arn)))
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def _use_rds_secret(engine: Engine, secret: RdsSecret) -> None:
    import psycopg

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        credentials = secret.get()
        try:
            return dialect.connect(
                *cargs, **{**cparams, "user": credentials.username, "password": credentials.password}
            )
        except psycopg.OperationalError as error:
            if "authentication failed" not in str(error):
                raise
        # The secret was rotated since we cached it: fetch it again and retry once.
        credentials = secret.get(refresh=True)
        return dialect.connect(*cargs, **{**cparams, "user": credentials.username, "password": credentials.password})


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the gallery read while an upload commits; several local workers share the file.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
