"""Non-compliance counts with pandas, for the side-by-side run in run.sh.

usage: python pandas_rates.py EXPORT.csv FROM TO [JOB] > out.csv
  JOB is cp (default), question or panel, as in polars_rates.py, whose docstring
  states the rules all peers follow.

Would pandas' maintainers write it this way? We think so; it follows their
"scaling to large datasets" and performance advice:
- `read_csv(engine="pyarrow", usecols=...)`: Arrow's multi-threaded reader, and
  only the eight columns the job needs are converted;
- the NCQ filter comes first, then the dates are parsed with an explicit format
  (`to_datetime` caches repeated strings, so each distinct date is parsed once),
  and the window compares timestamps, not formatted strings;
- no `drop_duplicates()` over whole rows: the max of Finding per group absorbs
  duplicate and conflicting rows;
- the latest assessment is chosen on a per-assessment table (one row per
  Quest.ID), then `isin` keeps its rows before the group-bys; group-bys use
  `sort=False` and the result is sorted once at the end.
pandas itself computes on one core; only the Arrow reader uses both.
"""

import sys

import pandas as pd

FACTORY, ASSESSMENT, DATE, CYCLE = "Factory.Assessed.ID", "Quest.ID", "Assesment.Start.Date", "Cycle"


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    job = sys.argv[4] if len(sys.argv) > 4 else "cp"
    point = ["Question.ID"] if job == "question" else ["Cluster", "CP"]
    df = pd.read_csv(path, engine="pyarrow",
                     usecols=[FACTORY, ASSESSMENT, DATE, CYCLE, "Question.type", "Finding", *point],
                     dtype={FACTORY: "str", "Finding": "float64"})
    df = df[df["Question.type"] == "NCQ"]
    date = pd.to_datetime(df[DATE], format="%d/%m/%Y")
    window = (date >= pd.Timestamp(f"{start}-01")) & (date < pd.Timestamp(f"{end}-01") + pd.offsets.MonthBegin(1))
    df = df[window].assign(**{DATE: date[window]})
    assessments = df.drop_duplicates(ASSESSMENT)[[ASSESSMENT, FACTORY, DATE, CYCLE]]
    if job == "panel":
        highest = assessments.groupby(FACTORY, sort=False)[CYCLE].transform("max")
        chosen = assessments.loc[(highest >= 3) & (assessments[CYCLE] <= 3), ASSESSMENT]
    else:
        chosen = (assessments.sort_values([DATE, CYCLE, ASSESSMENT])
                  .drop_duplicates(FACTORY, keep="last")[ASSESSMENT])
    rows = df[df[ASSESSMENT].isin(chosen)]
    points = rows.groupby([ASSESSMENT, *point], sort=False)["Finding"].max()
    out = points.groupby(level=point, sort=False).agg(["size", "sum"])
    out.columns = ["assessed", "non_compliant"]
    out = out.astype("int64").reset_index().sort_values(point)
    out = out.rename(columns={"Question.ID": "question_id", "Cluster": "cluster", "CP": "cp"})
    out.to_csv(sys.stdout, index=False, lineterminator="\n")


if __name__ == "__main__":
    main()
