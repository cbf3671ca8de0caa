# Type stubs of the decentwork package, with short docstrings (the full ones are in __init__.py).
import datetime
import os
from typing import Any, Iterable, Literal, Mapping, Protocol

import pyarrow

from .errors import DataError as DataError
from .errors import DecentworkError as DecentworkError
from .errors import ReadError as ReadError
from .errors import UsageError as UsageError

__version__: str

class _ArrowStream(Protocol):
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...

# A path, or a pandas DataFrame, Polars DataFrame or pyarrow Table with the export's columns.
Source = str | os.PathLike[str] | _ArrowStream | Any
Key = Literal["country", "cycle", "cluster", "cp", "question"]

def rates(
    source: Source,
    population: str = "latest",
    by: str | Iterable[Key] = ("cluster", "cp"),
    start: str | None = None,
    end: str | None = None,
    harmonise: bool = False,
    exclude_obsolete: bool = False,
) -> pyarrow.Table:
    """Non-compliance rates of a Better Work export by the analysts' rules:
    the grouping's columns, then ``assessed``, ``non_compliant`` (int64) and
    ``rate`` (float64), as ``decentwork rates``. Raises UsageError, DataError
    or ReadError."""
    ...

def microdata(
    source: Source,
    population: str = "latest",
    start: str | None = None,
    end: str | None = None,
    harmonise: bool = False,
    exclude_obsolete: bool = False,
    level: Literal["cp", "assessment"] = "cp",
) -> pyarrow.Table:
    """One row per selected assessment and compliance point (``level="cp"``;
    ``non_compliant`` 0 or 1) or per assessment with its factory-level rate
    (``level="assessment"``), as ``decentwork microdata``."""
    ...

def law(jurisdiction: str, on: str | datetime.date) -> pyarrow.Table:
    """The national law in force in a jurisdiction on a day, one row per
    legal value (and per parameter the law leaves unset), with sources."""
    ...

def ratifications(country: str, on: str | datetime.date) -> pyarrow.Table:
    """A country's ratifications of the catalogue's ILO instruments, with
    each one's status on a day and its source."""
    ...

def questions(
    text: str | None = None,
    instrument: str | None = None,
    tag: Literal["public_disclosure", "zero_tolerance", "critical_issue"] | None = None,
) -> pyarrow.Table:
    """The catalogue's questions, all or those matching every word of
    ``text``, citing ``instrument`` or carrying ``tag``."""
    ...

def score(
    assessment: str | bytes | Mapping[str, Any], jurisdiction: str | None = None
) -> dict[str, Any]:
    """Scores an assessment (or a bundle's latest) with the Better Work rule;
    a dict shaped like ``decentwork score --format json``."""
    ...

def check(
    bundle: str | bytes | Mapping[str, Any], on: str | datetime.date | None = None
) -> dict[str, Any]:
    """Checks a bundle's worker records against the law in force and its
    committees against those the law requires; a dict shaped like
    ``decentwork check --format json``."""
    ...
