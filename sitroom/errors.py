"""One exception hierarchy for sitroom: every error the library raises derives from SitroomError."""

from __future__ import annotations


class SitroomError(Exception):
    """Base class of every error sitroom raises on purpose."""


class ConfigError(SitroomError):
    """A setting, option or argument is invalid (a usage error at the CLI)."""


class IngestError(SitroomError):
    """One input (a file, a line of a file, or a feed entry) could not be ingested.

    ``path`` names the input, ``reason`` says why in a few words, ``line`` is the 1-based line
    (JSONL) or entry number (feeds) inside the file when the problem concerns one record only.
    """

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one-line message, ``PATH[:LINE]: reason``."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class MissingInputError(IngestError):
    """The path does not exist."""


class UnreadableInputError(IngestError):
    """The path exists but cannot be read (permissions, I/O error, not a regular file)."""


class EmptyInputError(IngestError):
    """The input holds no text (an empty file, or nothing left after cleaning)."""


class BinaryInputError(IngestError):
    """The input is binary data, not text."""


class TooLargeInputError(IngestError):
    """The input is larger than the configured size limit."""


class MalformedInputError(IngestError):
    """The input is not valid in its format (bad JSON, broken feed XML, a record without text)."""


class NoMainTextError(IngestError):
    """An HTML page in which no main text could be found."""


class UnsupportedInputError(IngestError):
    """The file type is not one sitroom reads."""


class MetadataError(IngestError):
    """Metadata (a sidecar, a record field or a batch option) is invalid, e.g. a bad date."""


class FetchError(IngestError):
    """A URL (a watched feed or an article page) could not be fetched: ``path`` is the URL.

    ``status`` is the HTTP status of an answer that was not a success, None when there was none.
    """

    def __init__(self, path: str, reason: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(path, reason)


class FeedListError(ConfigError):
    """The feeds file of ``sitroom watch`` cannot be read or has an invalid line."""


class ResourceError(SitroomError):
    """A model or data resource (the spaCy model, the gazetteer, a dictionary) cannot be loaded."""


class AnalysisError(SitroomError):
    """The analysis stage could not run (a worker failed to load or died)."""


class StoreError(SitroomError):
    """The store cannot be opened, migrated, read or written."""


class NotFoundError(StoreError):
    """No record with the given id is in the store."""


class MigrationError(StoreError):
    """The store's schema is newer than this version of sitroom, or a migration failed."""


class ExportError(SitroomError):
    """An export was asked for in a form that does not exist for that kind of record."""


class EvaluationError(SitroomError):
    """An evaluation task cannot run (unknown task, missing or malformed data)."""


class DatasetError(EvaluationError):
    """An evaluation data file is missing or not in its documented format."""


class StageUnavailableError(EvaluationError):
    """The evaluation task needs a stage, or a stage's adapter, that sitroom does not have yet."""

    def __init__(self, task: str, stage: str) -> None:
        self.task = task
        self.stage = stage
        super().__init__(
            f"task {task!r} needs what sitroom does not have yet: the {stage} stage, or its"
            f" adapter for this task"
        )
