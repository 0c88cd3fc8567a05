"""Fixtures shared by tests/store and tests/coverage (defined in tests/store/qt_fixtures.py)."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "store"))

from qt_fixtures import postgres_server, site, store, store_url  # noqa: E402,F401
