"""CP non-compliance rates, latest assessment of each factory in a window, by
cluster and CP, with pandas: the same job as
`decentwork rates FILE --population latest --from FROM --to TO --by cluster,cp`.

usage: python pandas_rates.py EXPORT.csv FROM(YYYY-MM) TO(YYYY-MM) > out.csv
"""
import sys

import pandas as pd

path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
cols = ["Cluster", "CP", "Question.ID", "Question.type", "Finding", "Quest.ID",
        "Factory.Assessed.ID", "Assesment.Start.Date", "Cycle"]
df = pd.read_csv(path, usecols=cols, dtype={"Quest.ID": str, "Factory.Assessed.ID": str,
                                             "Question.ID": str, "Finding": "float64"})
df = df[df["Question.type"] == "NCQ"].drop_duplicates()
df["date"] = pd.to_datetime(df["Assesment.Start.Date"], format="%d/%m/%Y")
month = df["date"].dt.strftime("%Y-%m")
df = df[(month >= start) & (month <= end)]
# One row per assessment and question: non-compliant if any row says so.
q = df.groupby(["Factory.Assessed.ID", "Quest.ID", "date", "Cycle", "Cluster", "CP", "Question.ID"],
               as_index=False)["Finding"].max()
cp = q.groupby(["Factory.Assessed.ID", "Quest.ID", "date", "Cycle", "Cluster", "CP"],
               as_index=False)["Finding"].max()
# The latest assessment of each factory (by date, then cycle, then assessment ID).
a = cp[["Factory.Assessed.ID", "Quest.ID", "date", "Cycle"]].drop_duplicates()
a = a.sort_values(["Factory.Assessed.ID", "date", "Cycle", "Quest.ID"]).groupby("Factory.Assessed.ID").tail(1)
latest = cp[cp["Quest.ID"].isin(a["Quest.ID"])]
out = latest.groupby(["Cluster", "CP"]).agg(assessed=("Finding", "size"), non_compliant=("Finding", "sum")).reset_index()
out["non_compliant"] = out["non_compliant"].astype(int)
out.columns = ["cluster", "cp", "assessed", "non_compliant"]
out.sort_values(["cluster", "cp"]).to_csv(sys.stdout, index=False)
