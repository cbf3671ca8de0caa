# The Rust extension module; use the functions of `decentwork` instead.
from typing import Any

__version__: str

def rates(
    source: Any,
    population: str,
    by: list[str],
    start: str | None,
    end: str | None,
    harmonise: bool,
    exclude_obsolete: bool,
) -> Any: ...
def microdata(
    source: Any,
    population: str,
    start: str | None,
    end: str | None,
    harmonise: bool,
    exclude_obsolete: bool,
    level: str,
) -> Any: ...
def law(jurisdiction: str, on: str) -> list[dict[str, Any]]: ...
def ratifications(country: str, on: str) -> list[dict[str, Any]]: ...
def questions(
    text: str | None = None, instrument: str | None = None, tag: str | None = None
) -> list[dict[str, Any]]: ...
def score(assessment: str, jurisdiction: str | None = None) -> str: ...
def check(bundle_json: str, on: str | None = None) -> str: ...
