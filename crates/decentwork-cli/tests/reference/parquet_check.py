#!/usr/bin/env python3
"""Reads decentwork's Parquet output with pyarrow, pandas and Polars, and
checks it against things decentwork did not write: the column types those
readers see, the microdata of the independent reference (analysts.py), and
rate tables summed back from the microdata by pandas and by Polars.

usage: parquet_check.py DECENTWORK EXPORT.csv SCRATCH_DIR
       (prints one line per check, then "N checks passed"; exit 1 on the first failure)

DECENTWORK is the `decentwork` binary. Needs pyarrow, pandas and polars.
"""

import csv
import datetime
import io
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "analysts.py"

LABEL = pa.dictionary(pa.int32(), pa.string())
MICRODATA = {
    "country": LABEL, "country_code": LABEL, "factory_id": LABEL,
    "factory_name": LABEL, "assessment_id": LABEL, "date": pa.date32(),
    "cycle": pa.int64(), "tool_version": LABEL, "cluster": LABEL,
    "cluster_id": LABEL, "cp": LABEL, "cp_id": LABEL,
    "questions_assessed": pa.int64(), "questions_non_compliant": pa.int64(),
    "non_compliant": pa.int64(),
}
BY_ASSESSMENT = {
    **{k: v for k, v in MICRODATA.items() if k in (
        "country", "country_code", "factory_id", "factory_name",
        "assessment_id", "date", "cycle", "tool_version")},
    "cps_assessed": pa.int64(), "cps_non_compliant": pa.int64(), "rate": pa.float64(),
}
RATES = {
    "country": LABEL, "country_code": LABEL, "cycle": pa.int64(),
    "cluster": LABEL, "cluster_id": LABEL, "cp": LABEL, "cp_id": LABEL,
    "assessed": pa.int64(), "non_compliant": pa.int64(), "rate": pa.float64(),
}
QUESTIONS = {
    "question_id": LABEL, "question": LABEL, "cluster": LABEL,
    "cluster_id": LABEL, "cp": LABEL, "cp_id": LABEL, "public": pa.bool_(),
    "assessed": pa.int64(), "non_compliant": pa.int64(), "rate": pa.float64(),
}
PANDAS_KIND = {  # Arrow type -> what pandas makes of it by default
    "label": "category", "int64": "int64", "double": "float64",
    "bool": "bool", "date32[day]": "object",
}
POLARS_KIND = {
    "label": pl.Categorical, "int64": pl.Int64, "double": pl.Float64,
    "bool": pl.Boolean, "date32[day]": pl.Date,
}

passed = 0


def check(condition, what):
    global passed
    if not condition:
        print(f"FAILED: {what}")
        sys.exit(1)
    passed += 1


def run(args):
    out = subprocess.run(args, capture_output=True)
    if out.returncode != 0:
        print(f"FAILED: {args}: {out.stderr.decode(errors='replace')}")
        sys.exit(1)
    return out.stdout.decode()


def kind(arrow_type):
    return "label" if pa.types.is_dictionary(arrow_type) else str(arrow_type)


def types_hold(path, expected, what):
    """The same column types in pyarrow, pandas and Polars, whatever the data."""
    table = pq.read_table(path)
    check(table.schema.names == list(expected), f"{what}: columns {table.schema.names}")
    for name, arrow_type in expected.items():
        check(table.schema.field(name).type == arrow_type,
              f"{what}: pyarrow {name} is {table.schema.field(name).type}, not {arrow_type}")
    frame = pd.read_parquet(path)
    for name, arrow_type in expected.items():
        check(str(frame[name].dtype) == PANDAS_KIND[kind(arrow_type)],
              f"{what}: pandas {name} is {frame[name].dtype}")
        if arrow_type == pa.date32():
            check(all(isinstance(d, datetime.date) for d in frame[name]),
                  f"{what}: pandas {name} holds dates")
    lazy = pl.read_parquet(path)
    for name, arrow_type in expected.items():
        check(lazy.schema[name] == POLARS_KIND[kind(arrow_type)],
              f"{what}: Polars {name} is {lazy.schema[name]}")
    check(table.num_rows > 0, f"{what}: rows")
    print(f"ok: {what}: {table.num_rows} rows, types as promised in pyarrow, pandas and Polars")
    return table


def as_text(table):
    """Rows as the CSV writes them: nulls empty, dates ISO, numbers plain."""
    columns = []
    for name in table.schema.names:
        column = table.column(name).to_pylist()
        columns.append([v if name == "rate" else "" if v is None else str(v)
                        for v in column])
    return [list(row) for row in zip(*columns)]


def same_rows(ours, theirs):
    """Equal cell by cell; a float64 rate within half a unit of the fourth
    decimal of the reference's rounded one."""
    if len(ours) != len(theirs):
        return False
    for a, b in zip(ours, theirs):
        if len(a) != len(b):
            return False
        for x, y in zip(a, b):
            if isinstance(x, float):
                if abs(x - float(y)) > 0.00005 + 1e-12:
                    return False
            elif x != y:
                return False
    return True


def csv_rows(text):
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def exact_rate(non_compliant, assessed):
    return float(Fraction(non_compliant, assessed))


def main():
    decentwork, export, scratch = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    scratch.mkdir(parents=True, exist_ok=True)
    for options in ([], ["--harmonise", "--exclude-obsolete"]):
        for population in ("latest", "panel:2", "cycle:2"):
            what = f"{population} {' '.join(options)}".strip()
            common = ["--population", population, *options]
            # Microdata by assessment and point: the reference's rows, typed.
            path = scratch / "microdata.parquet"
            run([decentwork, "microdata", export, *common, "--format", "parquet",
                 "--output", str(path)])
            micro = types_hold(path, MICRODATA, f"microdata {what}")
            header, theirs = csv_rows(run(
                [sys.executable, str(REFERENCE), "microdata", export, *common]))
            check(header == micro.schema.names, f"microdata {what}: reference header")
            check(same_rows(as_text(micro), theirs),
                  f"microdata {what}: Parquet rows equal analysts.py's microdata")
            print(f"ok: microdata {what}: {len(theirs)} rows equal analysts.py's")

            # Rate tables summed back from the microdata, in pandas and Polars.
            by = ["country", "country_code", "cycle", "cluster", "cluster_id", "cp", "cp_id"]
            path = scratch / "rates.parquet"
            run([decentwork, "rates", export, *common, "--by", "country,cycle,cp",
                 "--format", "parquet", "--output", str(path)])
            rates = types_hold(path, RATES, f"rates {what}")
            _, reference_rates = csv_rows(run(
                [sys.executable, str(REFERENCE), "rates", export, *common,
                 "--by", "country,cycle,cp"]))
            check(same_rows(as_text(rates), reference_rates),
                  f"rates {what}: Parquet rows equal analysts.py's rates")
            frame = pd.read_parquet(scratch / "microdata.parquet")
            keys = frame[by].astype("string").fillna("")
            summed = (frame.assign(**{k: keys[k] for k in by})
                      .groupby(by, observed=True)
                      .agg(assessed=("assessment_id", "count"),
                           non_compliant=("non_compliant", "sum"))
                      .reset_index())
            ours = pd.read_parquet(path)
            ours[by] = ours[by].astype("string").fillna("")
            merged = ours.merge(summed, on=by, how="outer", suffixes=("", "_summed"),
                                indicator=True)
            check((merged["_merge"] == "both").all(), f"rates {what}: same groups (pandas)")
            check((merged["assessed"] == merged["assessed_summed"]).all()
                  and (merged["non_compliant"] == merged["non_compliant_summed"]).all(),
                  f"rates {what}: pandas sums of microdata equal the counts")
            check(all(r == exact_rate(n, a) for r, n, a in
                      zip(ours["rate"], ours["non_compliant"], ours["assessed"])),
                  f"rates {what}: rate is the nearest float64 to non_compliant / assessed")
            polars_sums = (pl.read_parquet(scratch / "microdata.parquet")
                           .with_columns([pl.col(k).cast(pl.String).fill_null("") for k in by])
                           .group_by(by).agg(pl.len().alias("assessed"),
                                             pl.col("non_compliant").sum())
                           .sort(by))
            polars_rates = (pl.read_parquet(path)
                            .with_columns([pl.col(k).cast(pl.String).fill_null("") for k in by])
                            .select([*by, "assessed", "non_compliant"]).sort(by))
            check(polars_sums.with_columns(pl.col("assessed").cast(pl.Int64))
                  .equals(polars_rates),
                  f"rates {what}: Polars sums of microdata equal the counts")
            print(f"ok: rates {what}: {len(ours)} groups summed back from microdata "
                  "in pandas and Polars, equal to analysts.py's")

            # By assessment: the reference's rows, and sums of the microdata.
            path = scratch / "assessments.parquet"
            run([decentwork, "microdata", export, *common, "--level", "assessment",
                 "--format", "parquet", "--output", str(path)])
            table = types_hold(path, BY_ASSESSMENT, f"microdata by assessment {what}")
            _, theirs = csv_rows(run([sys.executable, str(REFERENCE), "microdata", export,
                                      *common, "--level", "assessment"]))
            check(same_rows(as_text(table), theirs),
                  f"microdata by assessment {what}: rows equal analysts.py's")
            per = frame.groupby("assessment_id", observed=True).agg(
                n=("non_compliant", "count"), nc=("non_compliant", "sum"))
            rows = table.to_pylist()
            check(len(rows) == len(per), f"microdata by assessment {what}: one row each")
            for row in rows:
                n, nc = per.loc[row["assessment_id"]]
                check((row["cps_assessed"], row["cps_non_compliant"]) == (n, nc)
                      and row["rate"] == exact_rate(nc, n),
                      f"microdata by assessment {what}: {row['assessment_id']}")
            print(f"ok: microdata by assessment {what}: {len(rows)} rows")

    path = scratch / "questions.parquet"
    run([decentwork, "rates", export, "--population", "latest", "--by", "question",
         "--format", "parquet",
         "--output", str(path)])
    table = types_hold(path, QUESTIONS, "rates by question")
    _, theirs = csv_rows(run([sys.executable, str(REFERENCE), "rates", export,
                              "--population", "latest", "--by", "question"]))
    mine = [[c.upper() if c in ("True", "False") else c for c in row]
            for row in as_text(table)]
    check(same_rows(mine, theirs), "rates by question: rows equal analysts.py's")
    check(not math.isnan(sum(table.column("rate").to_pylist())), "rates by question: rates")
    print(f"{passed} checks passed")


if __name__ == "__main__":
    main()
