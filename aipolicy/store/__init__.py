"""Scan history: every stored scan and its findings, for `history`, drift and trends.

SQLite in the user's data directory by default; PostgreSQL (through SQLAlchemy) when many scanners
share one history. Each scan is written in one transaction, so concurrent scanners lose nothing.
"""

from aipolicy.store.interface import Diff, StoredScan
from aipolicy.store.sql import SqlStore, default_url, open_store

__all__ = ["Diff", "SqlStore", "StoredScan", "default_url", "open_store"]
