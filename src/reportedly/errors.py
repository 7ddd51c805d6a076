"""The handful of exception classes reportedly raises. Messages say what to do."""

from __future__ import annotations


class ReportedlyError(Exception):
    """Base class: every error the project raises on purpose."""


class InputError(ReportedlyError):
    """An input file cannot be read as an article: empty, binary, too large, malformed.

    The message names the file and the problem; the runner records it as a failure and goes on.
    """

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UnsupportedLanguage(ReportedlyError):
    """The article is not in a language the analysis stages support."""


class GazetteerError(ReportedlyError):
    """A gazetteer file is malformed: the message names the file, the entry and the field."""


class StoreError(ReportedlyError):
    """The database cannot be opened, migrated or written."""


class InvalidArgument(ReportedlyError, ValueError):
    """A filter or option value the ledger does not know (a status, type, date or actor); the message
    names the valid values. `param` names the argument ("status", "since")."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


class ClusterError(ReportedlyError):
    """The Dask scheduler cannot be reached, has no workers, or was lost during the run."""
