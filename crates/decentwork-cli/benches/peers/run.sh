#!/usr/bin/env bash
# Side by side: CP non-compliance rates for the latest assessment of each
# factory in a window, by cluster and CP, with decentwork, Polars, pandas and
# (when R is installed) dplyr, on the same generated export. Checks that every
# count agrees and prints wall time, peak memory and ratios.
#
# usage: crates/decentwork-cli/benches/peers/run.sh [FACTORIES] [SEED]
#   FACTORIES defaults to 7500 (about 5 million rows, 1.3 GB).
# Needs: Python 3 with pandas, polars, pyarrow (set PYTHON, default: python3);
#        optionally R with dplyr (apt-get install --no-install-recommends r-base-core r-cran-dplyr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../../.."
FACTORIES=${1:-7500}
SEED=${2:-11}
PYTHON=${PYTHON:-python3}
WORK=${WORK:-/tmp/decentwork-peers}
FROM=2019-01
TO=2026-12
mkdir -p "$WORK"
DATA="$WORK/export-$FACTORIES-$SEED.csv"

cargo build --release --locked -p decentwork-cli -p xtask
[ -f "$DATA" ] || target/release/xtask gen-export --factories "$FACTORIES" --seed "$SEED" --out "$DATA"
rows=$(($(wc -l < "$DATA") - 1))
size=$(stat -c %s "$DATA")
echo "file: $DATA, $rows rows, $size bytes; $(nproc) cores"
# Read the file once so every tool starts from the page cache.
cat "$DATA" > /dev/null

measure() { # name, output file, command...
    local name=$1 out=$2; shift 2
    /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" > "$out" 2> "$WORK/$name.err" || { cat "$WORK/$name.err"; return 1; }
    read -r wall kb < "$WORK/$name.time"
    echo "$name $wall $kb" >> "$WORK/results"
}

rm -f "$WORK/results"
measure floor "$WORK/floor.out" sh -c "cat '$DATA' > /dev/null"
measure decentwork "$WORK/decentwork.csv" target/release/decentwork rates "$DATA" --population latest --from $FROM --to $TO --by cluster,cp --format csv
measure polars "$WORK/polars.csv" "$PYTHON" crates/decentwork-cli/benches/peers/polars_rates.py "$DATA" $FROM $TO
measure pandas "$WORK/pandas.csv" "$PYTHON" crates/decentwork-cli/benches/peers/pandas_rates.py "$DATA" $FROM $TO
if command -v Rscript > /dev/null && Rscript -e 'library(dplyr)' > /dev/null 2>&1; then
    measure dplyr "$WORK/dplyr.csv" Rscript crates/decentwork-cli/benches/peers/dplyr_rates.R "$DATA" $FROM $TO
fi

"$PYTHON" - "$WORK" <<'PY'
import csv, sys, os
work = sys.argv[1]
def load(name):
    with open(os.path.join(work, f"{name}.csv"), newline="") as f:
        return {(r["cluster"], r["cp"]): (int(r["assessed"]), int(r["non_compliant"])) for r in csv.DictReader(f)}
results = [line.split() for line in open(os.path.join(work, "results"))]
ours = load("decentwork")
ok = True
for name, _, _ in results:
    if name in ("decentwork", "floor"):
        continue
    theirs = load(name)
    if theirs != ours:
        ok = False
        diff = {k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k)}
        print(f"MISMATCH {name}: {sorted(diff)[:5]}")
    else:
        print(f"{name}: all {len(ours)} (cluster, cp) counts agree with decentwork")
base = {n: (float(w), int(k)) for n, w, k in results}
d_wall, d_mem = base["decentwork"]
print(f"\n{'tool':<12}{'wall s':>9}{'peak MB':>10}{'time / decentwork':>19}{'memory / decentwork':>21}")
for n, (w, k) in base.items():
    print(f"{n:<12}{w:>9.2f}{k/1024:>10.1f}{w/d_wall:>19.2f}{k/d_mem:>21.2f}")
sys.exit(0 if ok else 1)
PY
