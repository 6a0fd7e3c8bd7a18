"""The SQL history store (SQLAlchemy Core): SQLite by default, PostgreSQL for shared history."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from aipolicy.errors import AipolicyError
from aipolicy.findings import Finding, ScanResult, SourceLocation
from aipolicy.store.interface import StoredScan


def default_url() -> str:
    """SQLite in the user's data directory ($XDG_DATA_HOME/aipolicy/history.db)."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'aipolicy' / 'history.db'}"


def scan_target(result: ScanResult) -> str:
    """The key that groups scans of the same thing: source kind plus what was scanned."""
    return f"{result.source_kind}:{','.join(sorted(result.targets))}"


class SqlStore:
    def __init__(self, url: str):
        import sqlalchemy as sa

        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            self.engine = sa.create_engine(url, connect_args={"timeout": 60})
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = sa.create_engine(url, pool_pre_ping=True)
        metadata = sa.MetaData()
        self.scans = sa.Table(
            "aipolicy_scans",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("target", sa.String(1024), nullable=False, index=True),
            sa.Column("source_kind", sa.String(32), nullable=False),
            sa.Column("engine", sa.String(32), nullable=False),
            sa.Column("started_at", sa.String(40), nullable=False),
            sa.Column("version", sa.String(64), nullable=False),
            sa.Column("summary", sa.Text, nullable=False),
            sa.Column("errors", sa.Text, nullable=False),
        )
        self.findings = sa.Table(
            "aipolicy_findings",
            metadata,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("scan_id", sa.Integer, sa.ForeignKey("aipolicy_scans.id"), nullable=False, index=True),
            sa.Column("rule_id", sa.String(64), nullable=False),
            sa.Column("resource_id", sa.Text, nullable=False),
            sa.Column("data", sa.Text, nullable=False),
        )
        try:
            metadata.create_all(self.engine, checkfirst=True)
        except sa.exc.SQLAlchemyError as exc:
            raise AipolicyError(f"history store {redact_url(url)}: {str(exc).splitlines()[0]}") from None

    def save(self, result: ScanResult, started_at: dt.datetime | None = None) -> int:
        """Record a scan and its findings in one transaction; returns the scan id."""
        from aipolicy import version

        started = (started_at or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        with self.engine.begin() as conn:
            inserted = conn.execute(
                self.scans.insert().values(
                    target=scan_target(result),
                    source_kind=result.source_kind,
                    engine=result.engine,
                    started_at=started,
                    version=version(),
                    summary=json.dumps({**result.summary(), "evaluated": result.evaluated}, sort_keys=True),
                    errors=json.dumps([e.to_dict() for e in result.errors], sort_keys=True),
                )
            ).inserted_primary_key
            if inserted is None:
                raise AipolicyError("history store did not return the new scan's id")
            scan_id = inserted[0]
            rows = [
                {
                    "scan_id": scan_id,
                    "rule_id": f.rule_id,
                    "resource_id": f.resource_id,
                    "data": json.dumps(f.to_dict()),
                }
                for f in result.findings
            ]
            if rows:
                conn.execute(self.findings.insert(), rows)
        return int(scan_id)

    def list(self, target: str | None = None, limit: int = 50) -> list[StoredScan]:
        query = self.scans.select().order_by(self.scans.c.id.desc()).limit(limit)
        if target:
            query = query.where(self.scans.c.target == target)
        with self.engine.connect() as conn:
            return [self._scan(row) for row in conn.execute(query)]

    def get(self, scan_id: int) -> StoredScan:
        with self.engine.connect() as conn:
            row = conn.execute(self.scans.select().where(self.scans.c.id == scan_id)).first()
            if row is None:
                raise AipolicyError(f"no scan {scan_id} in the history (see `aipolicy history list`)")
            scan = self._scan(row)
            found = conn.execute(
                self.findings.select().where(self.findings.c.scan_id == scan_id).order_by(self.findings.c.id)
            )
            scan.findings = [finding_from(json.loads(r.data)) for r in found]
        return scan

    def latest(self, target: str | None = None) -> StoredScan | None:
        scans = self.list(target, limit=1)
        return self.get(scans[0].id) if scans else None

    def previous(self, scan: StoredScan) -> StoredScan | None:
        """The scan of the same target recorded just before this one."""
        query = (
            self.scans.select()
            .where(self.scans.c.target == scan.target, self.scans.c.id < scan.id)
            .order_by(self.scans.c.id.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return self.get(row.id) if row else None

    def count_findings(self, scan_id: int) -> int:
        import sqlalchemy as sa

        with self.engine.connect() as conn:
            query = (
                sa.select(sa.func.count())
                .select_from(self.findings)
                .where(self.findings.c.scan_id == scan_id)
            )
            return int(conn.execute(query).scalar_one())

    def _scan(self, row: Any) -> StoredScan:
        return StoredScan(
            id=int(row.id),
            target=row.target,
            source_kind=row.source_kind,
            engine=row.engine,
            started_at=row.started_at,
            version=row.version,
            summary=json.loads(row.summary),
            errors=json.loads(row.errors),
        )

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def finding_from(data: dict[str, Any]) -> Finding:
    source = data.get("source") or {}
    return Finding(
        rule_id=data["rule_id"],
        title=data.get("title", ""),
        severity=data.get("severity", "LOW"),
        category=data.get("category", ""),
        guidelines=list(data.get("guidelines") or []),
        resource_id=data["resource_id"],
        resource_type=data.get("resource_type", ""),
        source=SourceLocation(source.get("kind", ""), source.get("file"), source.get("line")),
        message=data.get("message", ""),
        remediation=data.get("remediation", ""),
        status=data.get("status", "fail"),
        attribute=data.get("attribute"),
        waiver_reason=data.get("waiver_reason"),
        waiver_expires=data.get("waiver_expires"),
    )


def redact_url(url: str) -> str:
    """A store URL without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def open_store(url: str | None = None) -> SqlStore:
    """The store at URL (or $AIPOLICY_STORE, or the default SQLite file)."""
    chosen = url or os.environ.get("AIPOLICY_STORE") or default_url()
    try:
        return SqlStore(chosen)
    except ImportError as exc:
        raise AipolicyError(
            f"history store {redact_url(chosen)} needs a driver: {exc} (pip install 'aipolicy[postgres]')"
        ) from None
