"""The same job as pandas_rates.py, with Polars (lazy, multi-threaded).

usage: python polars_rates.py EXPORT.csv FROM(YYYY-MM) TO(YYYY-MM) > out.csv
"""
import sys

import polars as pl

path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
keys = ["Factory.Assessed.ID", "Quest.ID", "date", "Cycle"]
lf = (
    pl.scan_csv(path, schema_overrides={"Quest.ID": pl.Utf8, "Factory.Assessed.ID": pl.Utf8,
                                         "Question.ID": pl.Utf8, "Finding": pl.Float64})
    .select(["Cluster", "CP", "Question.ID", "Question.type", "Finding", "Quest.ID",
             "Factory.Assessed.ID", "Assesment.Start.Date", "Cycle"])
    .filter(pl.col("Question.type") == "NCQ")
    .unique()
    .with_columns(pl.col("Assesment.Start.Date").str.strptime(pl.Date, "%d/%m/%Y").alias("date"))
    .filter((pl.col("date").dt.strftime("%Y-%m") >= start) & (pl.col("date").dt.strftime("%Y-%m") <= end))
)
q = lf.group_by(keys + ["Cluster", "CP", "Question.ID"]).agg(pl.col("Finding").max())
cp = q.group_by(keys + ["Cluster", "CP"]).agg(pl.col("Finding").max())
latest_ids = (
    cp.select(keys).unique()
    .sort(["Factory.Assessed.ID", "date", "Cycle", "Quest.ID"])
    .group_by("Factory.Assessed.ID").last()
    .select("Quest.ID")
)
out = (
    cp.join(latest_ids, on="Quest.ID", how="semi")
    .group_by(["Cluster", "CP"])
    .agg(pl.len().alias("assessed"), pl.col("Finding").sum().cast(pl.Int64).alias("non_compliant"))
    .rename({"Cluster": "cluster", "CP": "cp"})
    .sort(["cluster", "cp"])
    .collect()
)
out.write_csv(sys.stdout)
