"""decentwork: labour-standards compliance for garment factories, modelled on
ILO/IFC Better Work.

Non-compliance rates and microdata from a Better Work long-format export, by
the analysts' rules, as :class:`pyarrow.Table` (``.to_pandas()``,
``polars.from_arrow(t)``); the compliance catalogue (law in force,
ratifications, questions) as tables; assessments scored with the Better Work
rule. The work is done by the same Rust code as the ``decentwork`` command,
so both give the same counts.

>>> import decentwork
>>> table = decentwork.rates("export.csv", population="panel:3", by=("cycle", "cp"))
>>> table.to_pandas().head()
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from typing import Any, Iterable, Mapping

from . import _native
from .errors import DataError, DecentworkError, ReadError, UsageError

__version__: str = _native.__version__

__all__ = [
    "rates",
    "microdata",
    "law",
    "ratifications",
    "questions",
    "score",
    "check",
    "DecentworkError",
    "DataError",
    "UsageError",
    "ReadError",
]


def _source(source: Any) -> Any:
    """A path as text, or a table the Rust side reads through the Arrow C
    stream interface."""
    if isinstance(source, (str, _os.PathLike)):
        return _os.fspath(source)
    module = type(source).__module__.split(".")[0]
    if module == "pandas":
        import pyarrow

        return pyarrow.Table.from_pandas(source, preserve_index=False)
    if module == "polars":
        return source.to_arrow()
    if hasattr(source, "__arrow_c_stream__"):
        return source
    raise UsageError(
        "source: a path, or a table with the export's columns (pandas, Polars, pyarrow), "
        f"not {type(source).__name__}"
    )


def _keys(by: str | Iterable[str]) -> list[str]:
    if isinstance(by, str):
        return [k.strip() for k in by.split(",") if k.strip()]
    return list(by)


def rates(
    source: Any,
    population: str = "latest",
    by: str | Iterable[str] = ("cluster", "cp"),
    start: str | None = None,
    end: str | None = None,
    harmonise: bool = False,
    exclude_obsolete: bool = False,
):
    """Non-compliance rates of a Better Work export, as the analysts compute them.

    Args:
        source: the export: a path to the CSV file, or a pandas DataFrame,
            Polars DataFrame or pyarrow Table (or anything with
            ``__arrow_c_stream__``) with the export's columns (``Country``,
            ``Cluster``, ``CP``, ``Q.Label``, ``Question.ID``,
            ``Question.type``, ``Finding``, ``Tags``, ``Quest.ID``,
            ``Factory.Assessed.ID``, ``Factory.Assessed.Name``,
            ``Assesment.Start.Date``, ``Cycle``, ``TQ.Name``), as text,
            numbers or dates: the same rows give the same counts as the file.
        population: ``"latest"`` (each factory's latest assessment),
            ``"cycle:N"``, ``"panel:N"`` (every factory that reached cycle N,
            with its assessments of cycles 1 to N) or ``"panel-strict:N"``
            (exactly one assessment in each cycle 1 to N).
        by: grouping keys, any of ``"country"``, ``"cycle"``, ``"cluster"``,
            ``"cp"``, or ``"question"`` alone (a list, or a comma-separated
            string).
        start, end: first and last month of the assessments' start dates,
            ``"YYYY-MM"``, both included.
        harmonise: merge the worst-forms points and read the legacy cluster
            "Systems" as Occupational Safety and Health.
        exclude_obsolete: leave out factories marked "(Obsolete)".

    Returns:
        pyarrow.Table: the grouping's columns (``country, country_code``;
        ``cycle``; ``cluster, cluster_id``; ``cp, cp_id``) then ``assessed``,
        ``non_compliant`` (int64) and ``rate`` (float64); the same columns
        as ``decentwork rates --format csv``.

    Raises:
        UsageError: a bad argument. DataError: the export cannot be used (a
        missing column). ReadError: the file cannot be read.
    """
    return _native.rates(
        _source(source), population, _keys(by), start, end, harmonise, exclude_obsolete
    )


def microdata(
    source: Any,
    population: str = "latest",
    start: str | None = None,
    end: str | None = None,
    harmonise: bool = False,
    exclude_obsolete: bool = False,
    level: str = "cp",
):
    """Microdata of a Better Work export: one row per selected assessment and
    compliance point (``level="cp"``), or per assessment with its
    factory-level rate (``level="assessment"``).

    Arguments as for :func:`rates`. Columns (``level="cp"``): ``country,
    country_code, factory_id, factory_name, assessment_id, date, cycle,
    tool_version, cluster, cluster_id, cp, cp_id, questions_assessed,
    questions_non_compliant, non_compliant`` (``non_compliant`` is 0 or 1:
    summing it by ``cp`` gives the counts of :func:`rates`). With
    ``level="assessment"``: ``…, tool_version, cps_assessed,
    cps_non_compliant, rate``. Labels are dictionary-encoded, counts int64,
    ``date`` a date, ``rate`` float64.

    Returns:
        pyarrow.Table
    """
    return _native.microdata(
        _source(source), population, start, end, harmonise, exclude_obsolete, level
    )


def _day(on: str | _dt.date) -> str:
    return on.isoformat() if isinstance(on, _dt.date) else str(on)


def _table(rows: list[dict[str, Any]]):
    import pyarrow

    return pyarrow.Table.from_pylist(rows)


def law(jurisdiction: str, on: str | _dt.date):
    """The national law in force in a jurisdiction (``"BD"``, ``"PK-IS"``) on
    a day, one row per legal value, with its legal basis and source, and one
    per parameter the law leaves unset (``set_by_law`` false).

    Returns:
        pyarrow.Table
    """
    return _table(_native.law(jurisdiction, _day(on)))


def ratifications(country: str, on: str | _dt.date):
    """A country's ratifications of the ILO instruments in the catalogue, with
    each one's status on a day (``ratified``, ``not_ratified``, ``denounced``,
    ``unknown``) and its source.

    Returns:
        pyarrow.Table
    """
    return _table(_native.ratifications(country, _day(on)))


def questions(
    text: str | None = None, instrument: str | None = None, tag: str | None = None
):
    """The catalogue's assessment questions, with their cluster and compliance
    point: all of them, or those whose ID or text holds every word of
    ``text``, that cite ``instrument`` (``"C138"``), or carry ``tag``
    (``"public_disclosure"``, ``"zero_tolerance"``, ``"critical_issue"``).

    Returns:
        pyarrow.Table
    """
    return _table(_native.questions(text, instrument, tag))


def _json_text(value: str | bytes | Mapping[str, Any]) -> str:
    if isinstance(value, (str, bytes)):
        return value.decode() if isinstance(value, bytes) else value
    return _json.dumps(value)


def score(
    assessment: str | bytes | Mapping[str, Any], jurisdiction: str | None = None
) -> dict[str, Any]:
    """Scores an assessment with the Better Work rule.

    Args:
        assessment: an assessment as a dict or JSON text (or a factory
            bundle, whose latest assessment is scored in the factory's
            jurisdiction).
        jurisdiction: where national-law questions are judged (``"BD"``).

    Returns:
        dict: the scored assessment, shaped like ``decentwork score --format
        json`` (docs/schemas/scored_assessment.schema.json).

    Raises:
        DataError: JSON that is not an assessment (the message says where).
    """
    return _json.loads(_native.score(_json_text(assessment), jurisdiction))


def check(
    bundle: str | bytes | Mapping[str, Any], on: str | _dt.date | None = None
) -> dict[str, Any]:
    """Checks a factory bundle's worker records (hours, pay, leave, ages)
    against the law in force, and its committees against the committees the
    law requires.

    Args:
        bundle: a factory bundle as a dict or JSON text.
        on: the day checked (``"YYYY-MM-DD"`` or a date); by default the
            bundle's report date.

    Returns:
        dict: the evidence report, shaped like ``decentwork check --format
        json``.

    Raises:
        DataError: a bundle that fails the model's checks (every problem,
        one per line). UsageError: a day that is not ``YYYY-MM-DD``.
    """
    return _json.loads(_native.check(_json_text(bundle), None if on is None else _day(on)))
