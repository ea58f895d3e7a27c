"""sitroom: news reports in, a corroborated, geocoded, source-cited picture of events out.

The public API: :func:`run`, :func:`ingest` and :func:`link_pending` (the pipeline),
:class:`SQLiteStore` (or any :class:`Store`, from :func:`open_store`), the record types and
:func:`load_settings`; stories are read with :mod:`sitroom.link.views`. Importing sitroom
loads no model and reads no data.
"""

from sitroom.errors import SitroomError
from sitroom.pipeline import ingest, link_pending, load_linker, load_resources, run
from sitroom.records import Article, Metadata, Problem, RawDocument, RunReport, Source
from sitroom.settings import Settings, load_settings
from sitroom.store import SQLiteStore, Store, open_store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Metadata",
    "Problem",
    "RawDocument",
    "RunReport",
    "SQLiteStore",
    "Settings",
    "SitroomError",
    "Source",
    "Store",
    "__version__",
    "ingest",
    "link_pending",
    "load_linker",
    "load_resources",
    "load_settings",
    "open_store",
    "run",
]
