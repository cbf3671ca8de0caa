#!/usr/bin/env python3
"""Writes an export CSV to Parquet the way researchers' tools do by default,
so that decentwork can be checked on files it did not write.

usage: parquet_writers.py EXPORT.csv OUT_DIR
       (prints one line per file: NAME PATH)

Files: pandas.parquet (pandas' read_csv and to_parquet, pyarrow's default
Snappy), polars.parquet (Polars' read_csv and write_parquet, its default
Zstandard), pyarrow-gzip.parquet and pyarrow-lz4.parquet (pyarrow's CSV
reader and write_table with those codecs). Each tool's own type inference
is kept: numbers become integers or floats, empty cells nulls. Needs
pandas, polars and pyarrow.
"""

import sys
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow.csv
import pyarrow.parquet as pq


def main() -> None:
    export, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "pandas": out / "pandas.parquet",
        "polars": out / "polars.parquet",
        "pyarrow-gzip": out / "pyarrow-gzip.parquet",
        "pyarrow-lz4": out / "pyarrow-lz4.parquet",
    }
    pd.read_csv(export).to_parquet(files["pandas"])
    pl.read_csv(export).write_parquet(files["polars"])
    table = pyarrow.csv.read_csv(export)
    pq.write_table(table, files["pyarrow-gzip"], compression="gzip")
    pq.write_table(table, files["pyarrow-lz4"], compression="lz4")
    for name, path in files.items():
        codecs = {
            pq.ParquetFile(path).metadata.row_group(0).column(i).compression
            for i in range(pq.ParquetFile(path).metadata.num_columns)
        }
        print(name, path, ",".join(sorted(codecs)))


if __name__ == "__main__":
    main()
