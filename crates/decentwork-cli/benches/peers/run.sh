#!/usr/bin/env bash
# Side by side: CP non-compliance rates for the latest assessment of each
# factory in a window, by cluster and CP, with decentwork, Polars, pandas and
# (when R is installed) dplyr, on the same generated export. Checks that every
# count agrees and prints wall time, peak memory and ratios.
#
# usage: crates/decentwork-cli/benches/peers/run.sh [FACTORIES] [SEED]
#   FACTORIES defaults to 7500 (about 5 million rows, 1.3 GB).
#   RUNS (default 5) runs of each tool, alternating; the median is reported.
# Needs: Python 3 with pandas, polars, pyarrow (set PYTHON, default: python3);
#        optionally R with dplyr (apt-get install --no-install-recommends r-base-core r-cran-dplyr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../../.."
FACTORIES=${1:-7500}
SEED=${2:-11}
PYTHON=${PYTHON:-python3}
WORK=${WORK:-/tmp/decentwork-peers}
RUNS=${RUNS:-5}
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
have_dplyr=false
if command -v Rscript > /dev/null && Rscript -e 'library(dplyr)' > /dev/null 2>&1; then
    have_dplyr=true
fi
# Runs alternate between tools, so that a slow spell of the machine falls on
# all of them alike.
for run in $(seq "$RUNS"); do
    echo "run $run of $RUNS"
    measure floor "$WORK/floor.out" sh -c "cat '$DATA' > /dev/null"
    measure decentwork "$WORK/decentwork.csv" target/release/decentwork rates "$DATA" --population latest --from $FROM --to $TO --by cluster,cp --format csv
    measure polars "$WORK/polars.csv" "$PYTHON" crates/decentwork-cli/benches/peers/polars_rates.py "$DATA" $FROM $TO
    measure pandas "$WORK/pandas.csv" "$PYTHON" crates/decentwork-cli/benches/peers/pandas_rates.py "$DATA" $FROM $TO
    if $have_dplyr; then
        measure dplyr "$WORK/dplyr.csv" Rscript crates/decentwork-cli/benches/peers/dplyr_rates.R "$DATA" $FROM $TO
    fi
done

"$PYTHON" - "$WORK" <<'PY'
import csv, sys, os, statistics
work = sys.argv[1]
def load(name):
    with open(os.path.join(work, f"{name}.csv"), newline="") as f:
        return {(r["cluster"], r["cp"]): (int(r["assessed"]), int(r["non_compliant"])) for r in csv.DictReader(f)}
results = [line.split() for line in open(os.path.join(work, "results"))]
ours = load("decentwork")
ok = True
for name in dict.fromkeys(r[0] for r in results):
    if name in ("decentwork", "floor"):
        continue
    theirs = load(name)
    if theirs != ours:
        ok = False
        diff = {k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k)}
        print(f"MISMATCH {name}: {sorted(diff)[:5]}")
    else:
        print(f"{name}: all {len(ours)} (cluster, cp) counts agree with decentwork")
runs = {}
for n, w, k in results:
    runs.setdefault(n, []).append((float(w), int(k)))
# Median wall time; the largest peak memory of any run.
base = {n: (statistics.median(w for w, _ in r), max(k for _, k in r), min(w for w, _ in r), max(w for w, _ in r)) for n, r in runs.items()}
d_wall, d_mem = base["decentwork"][:2]
print(f"\n{len(runs['decentwork'])} runs each; median wall time (min-max), largest peak memory")
print(f"{'tool':<12}{'wall s':>9}{'min-max s':>14}{'peak MB':>10}{'time / decentwork':>19}{'memory / decentwork':>21}")
for n, (w, k, lo, hi) in base.items():
    print(f"{n:<12}{w:>9.2f}{f'{lo:.2f}-{hi:.2f}':>14}{k/1024:>10.1f}{w/d_wall:>19.2f}{k/d_mem:>21.2f}")
sys.exit(0 if ok else 1)
PY
