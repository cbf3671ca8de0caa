"""The Python package against the decentwork command, and its sources
against each other: a path, pandas, Polars and pyarrow give the same counts."""

import csv
import io
import json

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv
import pytest

import decentwork
from decentwork import DataError, DecentworkError, ReadError, UsageError

CASES = [
    ("latest", "country,cp", {}),
    ("cycle:2", "cluster", {"harmonise": True}),
    ("panel:3", "cycle,cp", {"exclude_obsolete": True}),
    ("panel-strict:2", "cycle,cluster,cp", {"start": "2019-06", "end": "2024-12"}),
    ("latest", "question", {}),
]


def cli_args(population, by, options):
    args = ["--population", population, "--by", by]
    if options.get("harmonise"):
        args.append("--harmonise")
    if options.get("exclude_obsolete"):
        args.append("--exclude-obsolete")
    if "start" in options:
        args += ["--from", options["start"], "--to", options["end"]]
    return args


def as_rows(table: pa.Table):
    """Rows as the CSV writes them: text, empty for null, booleans TRUE and
    FALSE; the rate stays the float it is."""
    rows = []
    for row in table.to_pylist():
        cells = []
        for name, value in row.items():
            if value is None:
                cells.append("")
            elif name == "rate":
                cells.append(value)
            elif isinstance(value, bool):
                cells.append("TRUE" if value else "FALSE")
            else:
                cells.append(str(value))
        rows.append(cells)
    return rows


@pytest.mark.parametrize("population,by,options", CASES)
def test_rates_are_the_command_s(export, cli, population, by, options):
    table = decentwork.rates(str(export), population=population, by=by, **options)
    assert isinstance(table, pa.Table)
    text = cli("rates", str(export), *cli_args(population, by, options))
    expected = list(csv.reader(io.StringIO(text)))
    assert table.column_names == expected[0]
    got = as_rows(table)
    assert len(got) == len(expected) - 1 > 0
    for ours, theirs in zip(got, expected[1:]):
        # Counts exactly; the CSV's rate is the float rounded to four places
        # (half away from zero), so within half a unit of the fourth place.
        assert ours[:-1] == theirs[:-1]
        assert abs(ours[-1] - float(theirs[-1])) <= 0.00005 + 1e-12


@pytest.mark.parametrize("level", ["cp", "assessment"])
def test_microdata_is_the_command_s(export, cli, level):
    table = decentwork.microdata(export, population="panel:2", harmonise=True, level=level)
    text = cli("microdata", str(export), "--population", "panel:2", "--harmonise", "--level", level)
    expected = list(csv.reader(io.StringIO(text)))
    assert table.column_names == expected[0]
    assert table.num_rows == len(expected) - 1
    df = table.to_pandas()
    assert str(df["date"].iloc[0]) == expected[1][5]
    key = "non_compliant" if level == "cp" else "cps_non_compliant"
    assert int(df[key].sum()) == sum(int(r[expected[0].index(key)]) for r in expected[1:])


def test_dataframes_and_tables_give_the_file_s_counts(export):
    from_file = decentwork.rates(export, population="panel:3", by="cycle,cp")
    # pandas as read_csv reads it: numbers as int64, Finding as float64 with NaN.
    df = pd.read_csv(export)
    assert df["Finding"].dtype == "float64"
    # Polars, with dates parsed as dates; a pyarrow table; pandas with categories.
    frame = pl.read_csv(export).with_columns(
        pl.col("Assesment.Start.Date").str.to_date("%d/%m/%Y")
    )
    categories = df.astype({"Country": "category", "CP": "category", "Cluster": "category"})
    for source in [df, frame, pyarrow.csv.read_csv(export), categories]:
        table = decentwork.rates(source, population="panel:3", by="cycle,cp")
        assert table.equals(from_file), type(source)
    micro = decentwork.microdata(df, level="assessment")
    assert micro.equals(decentwork.microdata(export, level="assessment"))
    # A researcher's filter in pandas is the same as a smaller export.
    kept = df[df["Country"] == "Cambodia"]
    by_country = decentwork.rates(df, by="country").to_pandas()
    cambodia = decentwork.rates(kept, by="country").to_pandas()
    assert cambodia.to_dict("records") == by_country[by_country["country"] == "Cambodia"].to_dict("records")


def test_tables_go_to_pandas_and_polars(export):
    table = decentwork.microdata(export)
    assert pl.from_arrow(table).height == table.num_rows
    assert table.schema.field("cp").type == pa.dictionary(pa.int32(), pa.string())
    assert table.schema.field("date").type == pa.date32()
    assert table.schema.field("questions_assessed").type == pa.int64()
    rates = decentwork.rates(export)
    assert rates.schema.field("rate").type == pa.float64()


def test_bad_input_raises_the_right_exception(export, tmp_path):
    with pytest.raises(UsageError, match="expected latest, cycle:N, panel:N or panel-strict:N"):
        decentwork.rates(export, population="panel")
    with pytest.raises(UsageError, match="YYYY-MM"):
        decentwork.rates(export, start="2024-13")
    with pytest.raises(UsageError, match="ends before it starts"):
        decentwork.rates(export, start="2024-06", end="2024-01")
    with pytest.raises(UsageError, match="stands alone"):
        decentwork.rates(export, by=("question", "cp"))
    with pytest.raises(UsageError):
        decentwork.rates(42)
    with pytest.raises(ReadError) as missing:
        decentwork.rates(tmp_path / "no-such-export.csv")
    assert isinstance(missing.value, OSError)
    with pytest.raises(DataError, match="missing required column"):
        decentwork.rates(pd.DataFrame({"Country": ["Cambodia"]}))
    bad = tmp_path / "bad.csv"
    bad.write_text("Country,Cluster\nCambodia,Compensation\n")
    with pytest.raises(DataError, match="missing required column") as error:
        decentwork.rates(bad)
    assert isinstance(error.value, (DecentworkError, ValueError))
    with pytest.raises(DataError, match="assessment"):
        decentwork.score({"id": "A-1"})


def test_catalogue_tables():
    law = decentwork.law("BD", "2025-06-01")
    assert law.num_rows > 10 and "legal_basis" in law.column_names
    ratifications = decentwork.ratifications("VN", "2024-01-01").to_pylist()
    assert any(r["instrument"] == "C138" for r in ratifications)
    assert {r["status_on_date"] for r in ratifications} <= {"ratified", "not_ratified", "denounced", "unknown"}
    public = decentwork.questions(tag="public_disclosure").to_pylist()
    assert public and all("public_disclosure" in q["tags"] for q in public)
    with pytest.raises(UsageError):
        decentwork.law("XX", "2025-06-01")


def test_score_is_the_command_s(cli):
    from pathlib import Path

    bundle = Path(__file__).resolve().parents[2] / "decentwork-model/examples/data/factory-bundle.json"
    ours = decentwork.score(json.loads(bundle.read_text()))
    theirs = json.loads(cli("score", str(bundle), "--format", "json"))
    assert ours == theirs
    assert decentwork.score(bundle.read_text()) == ours


def test_check_is_the_command_s(cli, tmp_path):
    from pathlib import Path

    bundle = Path(__file__).resolve().parents[2] / "decentwork-model/examples/data/factory-bundle.json"
    ours = decentwork.check(json.loads(bundle.read_text()))
    theirs = json.loads(cli("check", str(bundle), "--format", "json"))
    assert ours == theirs
    on = decentwork.check(bundle.read_text(), on="2024-01-31")
    assert on == json.loads(cli("check", str(bundle), "--format", "json", "--on", "2024-01-31"))
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        decentwork.check(bundle.read_text(), on="31/01/2024")
    broken = json.loads(bundle.read_text())
    broken["factory"]["id"] = ""
    with pytest.raises(DataError, match="bundle"):
        decentwork.check(broken)


def test_the_readme_example_runs(capsys, monkeypatch):
    """The Python block of the repository's README, as printed there."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    readme = (root / "README.md").read_text()
    block = readme.split("```python\n", 1)[1].split("```", 1)[0]
    assert "decentwork.rates(" in block
    monkeypatch.chdir(root)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "assessments" in out and "rate" in out


def test_the_docs_example_draws_its_figure(export, tmp_path):
    """docs/examples/cp_rates_by_cycle.py on a generated export writes a PNG
    (matplotlib needed; CI installs it, elsewhere the test is skipped)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    try:
        import matplotlib  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("matplotlib is not installed")
    script = Path(__file__).resolve().parents[3] / "docs/examples/cp_rates_by_cycle.py"
    figure = tmp_path / "figure.png"
    done = subprocess.run([sys.executable, str(script), str(export), str(figure)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert figure.read_bytes().startswith(b"\x89PNG")
    assert "cycle" in done.stdout
