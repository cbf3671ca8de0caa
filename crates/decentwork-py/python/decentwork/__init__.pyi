# Type stubs of the decentwork package (docstrings in __init__.py).
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
) -> pyarrow.Table: ...
def microdata(
    source: Source,
    population: str = "latest",
    start: str | None = None,
    end: str | None = None,
    harmonise: bool = False,
    exclude_obsolete: bool = False,
    level: Literal["cp", "assessment"] = "cp",
) -> pyarrow.Table: ...
def law(jurisdiction: str, on: str | datetime.date) -> pyarrow.Table: ...
def ratifications(country: str, on: str | datetime.date) -> pyarrow.Table: ...
def questions(
    text: str | None = None,
    instrument: str | None = None,
    tag: Literal["public_disclosure", "zero_tolerance", "critical_issue"] | None = None,
) -> pyarrow.Table: ...
def score(
    assessment: str | bytes | Mapping[str, Any], jurisdiction: str | None = None
) -> dict[str, Any]: ...
