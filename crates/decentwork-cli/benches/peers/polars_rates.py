"""Non-compliance counts with Polars (lazy), for the side-by-side run in run.sh.

usage: python polars_rates.py EXPORT.csv FROM TO [JOB] > out.csv
  FROM, TO  months YYYY-MM, inclusive, on the assessment start date
  JOB       cp (default): latest assessment of each factory in the window, by cluster and CP
            question:     the same assessments, by question
            panel:        balanced panel of cycle 3 (factories whose highest cycle in the
                          window is at least 3, their assessments of cycles 1 to 3), by cluster and CP

The same jobs as `decentwork rates EXPORT --population latest|panel:3 --from FROM
--to TO --by cluster,cp|question`: only non-compliance questions (NCQ) count; a
point (or question) is non-compliant in an assessment if any of its rows says
Finding 1, so duplicate and conflicting rows need no separate step; the latest
assessment is the one with the latest start date, then the highest cycle, then
the highest assessment ID.

Would Polars' maintainers write it this way? We think so; this is the form their
user guide teaches:
- `scan_csv` and a lazy query, so the optimiser reads only the seven columns the
  query names (projection pushdown) and applies the NCQ and window filters while
  reading (predicate pushdown);
- the window is compared as dates (one `str.to_date` with an explicit format; its
  cache parses each distinct date string once), never through `strftime`;
- no whole-frame `unique()`: the max of Finding per group absorbs duplicates;
- the latest assessment is chosen on a small per-assessment table
  (`group_by("Quest.ID")` with `first()`), then a semi join keeps its rows before
  the two group-bys;
- `collect()` runs on the default engine (in Polars 2, the streaming one), on
  every core.
The one thing a maintainer might add is `collect_all` for several jobs over one
scan; each job here is one query, as in the decentwork command it is timed against.
"""

import sys
from datetime import date

import polars as pl

FACTORY, ASSESSMENT, DATE, CYCLE = "Factory.Assessed.ID", "Quest.ID", "Assesment.Start.Date", "Cycle"


def month(text, last=False):
    year, mon = map(int, text.split("-"))
    if not last:
        return date(year, mon, 1)
    return date(year + mon // 12, mon % 12 + 1, 1)  # the first day after the month


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    job = sys.argv[4] if len(sys.argv) > 4 else "cp"
    point = ["Question.ID"] if job == "question" else ["Cluster", "CP"]
    if path.endswith(".parquet"):
        # The copy `decentwork convert` writes: the date is a date already,
        # the labels are dictionary-encoded text.
        source = pl.scan_parquet(path).with_columns(pl.col(ASSESSMENT).cast(pl.String).cast(pl.Int64))
    else:
        source = pl.scan_csv(path, schema_overrides={FACTORY: pl.String, ASSESSMENT: pl.Int64, CYCLE: pl.Int32,
                                                     "Finding": pl.Int8}).with_columns(
            pl.col(DATE).str.to_date("%d/%m/%Y"))
    rows = (
        source
        .filter(pl.col("Question.type") == "NCQ")
        .filter((pl.col(DATE) >= month(start)) & (pl.col(DATE) < month(end, last=True)))
        .select(FACTORY, ASSESSMENT, DATE, CYCLE, *point, "Finding")
    )
    assessments = rows.group_by(ASSESSMENT).agg(pl.col(FACTORY, DATE, CYCLE).first())
    if job == "panel":
        chosen = (
            assessments
            .filter(pl.col(CYCLE).max().over(FACTORY) >= 3)
            .filter(pl.col(CYCLE) <= 3)
            .select(ASSESSMENT)
        )
    else:
        chosen = (
            assessments
            .group_by(FACTORY)
            .agg(pl.col(ASSESSMENT).sort_by(DATE, CYCLE, ASSESSMENT).last())
            .select(ASSESSMENT)
        )
    out = (
        rows.join(chosen, on=ASSESSMENT, how="semi")
        .group_by(ASSESSMENT, *point)
        .agg(pl.col("Finding").max())
        .group_by(point)
        .agg(pl.len().alias("assessed"), pl.col("Finding").sum().cast(pl.Int64).alias("non_compliant"))
        .rename({"Question.ID": "question_id"} if job == "question" else {"Cluster": "cluster", "CP": "cp"})
        .sort(pl.all().exclude("assessed", "non_compliant"))
        .collect()
    )
    out.write_csv(sys.stdout)


if __name__ == "__main__":
    main()
