"""Non-compliance counts with DuckDB SQL, for the side-by-side run in run.sh.

usage: python duckdb_rates.py EXPORT.csv FROM TO [JOB] > out.csv
  JOB is cp (default), question or panel, as in polars_rates.py, whose docstring
  states the rules all peers follow.

Would DuckDB's maintainers write it this way? We think so: one SQL query over
`read_csv` straight on the file, as their documentation shows.
- `read_csv` with `dateformat`, so the start date is read as a DATE while
  parsing, and explicit `types` for the other columns the query reads; the
  query names seven columns and DuckDB's projection pushdown converts only those.
- The rows are filtered (NCQ, window as dates) once, in a CTE that is
  materialised because three parts of the query read it.
- The latest assessment of a factory is `arg_max` over a tuple (date, cycle,
  ID) on the per-assessment table, a DuckDB idiom; the balanced panel is a
  window `max(cycle) OVER (PARTITION BY factory)`.
- No DISTINCT over whole rows: `max(Finding)` per group absorbs duplicates.
DuckDB uses every core by default. The Python client only passes the query
and writes the small result; the work is DuckDB's.
"""

import sys

import duckdb

QUERY = """
WITH rows AS MATERIALIZED (
    SELECT "Factory.Assessed.ID" AS factory, "Quest.ID" AS assessment,
           "Assesment.Start.Date" AS start, "Cycle" AS cycle, {point}, "Finding" AS finding
    FROM {source}
    WHERE "Question.type" = 'NCQ'
      AND "Assesment.Start.Date" >= $start::DATE AND "Assesment.Start.Date" < $end::DATE
),
assessments AS (
    SELECT assessment, any_value(factory) AS factory, any_value(start) AS start, any_value(cycle) AS cycle
    FROM rows GROUP BY assessment
),
chosen AS ({chosen}),
points AS (
    SELECT {keys}, max(finding) AS non_compliant
    FROM rows SEMI JOIN chosen USING (assessment)
    GROUP BY assessment, {keys}
)
SELECT {keys}, count(*) AS assessed, sum(non_compliant)::BIGINT AS non_compliant
FROM points GROUP BY ALL ORDER BY ALL
"""

CSV = """read_csv($path, header = true, dateformat = '%d/%m/%Y',
                  types = {'Assesment.Start.Date': 'DATE', 'Factory.Assessed.ID': 'VARCHAR',
                           'Quest.ID': 'BIGINT', 'Cycle': 'INTEGER', 'Finding': 'TINYINT',
                           'Question.type': 'VARCHAR'})"""
# The copy `decentwork convert` writes: typed already; the assessment ID is
# text there, compared as a number as in the CSV.
PARQUET = """(SELECT * REPLACE ("Quest.ID"::BIGINT AS "Quest.ID") FROM read_parquet($path))"""

LATEST = "SELECT arg_max(assessment, (start, cycle, assessment)) AS assessment FROM assessments GROUP BY factory"
PANEL = """SELECT assessment FROM (
    SELECT assessment, cycle, max(cycle) OVER (PARTITION BY factory) AS highest FROM assessments
) WHERE highest >= 3 AND cycle <= 3"""


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    job = sys.argv[4] if len(sys.argv) > 4 else "cp"
    if job == "question":
        point, keys = '"Question.ID" AS question_id', "question_id"
    else:
        point, keys = '"Cluster" AS cluster, "CP" AS cp', "cluster, cp"
    source = PARQUET if path.endswith(".parquet") else CSV
    query = QUERY.format(point=point, keys=keys, chosen=PANEL if job == "panel" else LATEST, source=source)
    year, month = map(int, end.split("-"))
    after = f"{year + month // 12:04d}-{month % 12 + 1:02d}-01"
    result = duckdb.execute(query, {"path": path, "start": f"{start}-01", "end": after})
    columns = [d[0] for d in result.description]
    sys.stdout.write(",".join(columns) + "\n")
    for row in result.fetchall():
        sys.stdout.write(",".join(csv_field(v) for v in row) + "\n")


def csv_field(value):
    text = str(value)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text


if __name__ == "__main__":
    main()
