#!/usr/bin/env bash
# Side by side on one generated export: decentwork against Polars, DuckDB,
# pandas, data.table and dplyr, each written as its maintainers would (see the
# comment at the top of each script). Three jobs, all in the window FROM..TO:
#   cp        the latest assessment of each factory, by cluster and CP
#             decentwork rates FILE --population latest --by cluster,cp
#   question  the same assessments, by question
#             decentwork rates FILE --population latest --by question
#   panel     the balanced panel of cycle 3 (the analysts' rule), by cluster and CP
#             decentwork rates FILE --population panel:3 --by cluster,cp
# Checks that every count of every tool agrees with decentwork's CSV, keyed on
# (cluster, cp) or question_id -> (assessed, non_compliant), then prints the
# median wall time of alternating runs and the largest peak memory.
#
# usage: crates/decentwork-cli/benches/peers/run.sh [FACTORIES] [SEED]
#   FACTORIES defaults to 7500 (about 5 million rows, 1.3 GB); SEED to 11.
# Environment:
#   RUNS=5            runs of each tool and job, the tools taking turns
#   JOBS="cp question panel"
#   TOOLS="decentwork polars duckdb pandas datatable dplyr"   (floor is always run)
#   FROM=2019-01 TO=2026-12
#   AWKWARD=1         generate with `gen-export --awkward` (skipped and repeated cycles,
#                     duplicate and conflicting rows, legacy labels)
#   REFERENCE=1       also check every job against tests/reference/analysts.py, the
#                     independent Python implementation (untimed; slow on big files)
#   FORMAT=parquet    the second run: `decentwork convert` copies the export to
#                     Parquet once (untimed; its time is printed), then every tool
#                     reads that copy (decentwork, Polars and DuckDB only)
#   PYTHON=python3    the Python with the peers' packages
#   WORK=/tmp/decentwork-peers
# Needs, each optional (a tool that is missing is skipped with a message):
#   python3 -m venv /tmp/peers-venv && /tmp/peers-venv/bin/pip install polars duckdb pandas pyarrow
#   apt-get install -y --no-install-recommends r-base-core r-cran-data.table r-cran-dplyr r-cran-readr
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../../.."
FACTORIES=${1:-7500}
SEED=${2:-11}
PYTHON=${PYTHON:-python3}
WORK=${WORK:-/tmp/decentwork-peers}
RUNS=${RUNS:-5}
JOBS=${JOBS:-cp question panel}
TOOLS=${TOOLS:-decentwork polars duckdb pandas datatable dplyr}
FROM=${FROM:-2019-01}
TO=${TO:-2026-12}
PEERS=crates/decentwork-cli/benches/peers
mkdir -p "$WORK"
gen_flags=()
suffix=""
if [ "${AWKWARD:-0}" = 1 ]; then
    gen_flags=(--awkward)
    suffix="-awkward"
fi
DATA="$WORK/export-$FACTORIES-$SEED$suffix.csv"

cargo build --release --locked -p decentwork-cli -p xtask
[ -f "$DATA" ] || target/release/xtask gen-export --factories "$FACTORIES" --seed "$SEED" "${gen_flags[@]}" --out "$DATA"
rows=$(($(wc -l < "$DATA") - 1))
size=$(stat -c %s "$DATA")
echo "file: $DATA, $rows rows, $size bytes; $(nproc) cores; window $FROM to $TO"
if [ "${FORMAT:-csv}" = parquet ]; then
    copy="${DATA%.csv}.parquet"
    if [ ! -f "$copy" ]; then
        start=$(date +%s.%N)
        target/release/decentwork convert "$DATA" --output "$copy"
        echo "converted in $(awk "BEGIN { print $(date +%s.%N) - $start }") s"
    fi
    DATA=$copy
    TOOLS=${TOOLS_PARQUET:-decentwork polars duckdb}
    echo "the Parquet copy: $DATA, $(stat -c %s "$DATA") bytes"
fi

# Which tools are here.
have() { # tool
    case $1 in
        decentwork) return 0 ;;
        polars) "$PYTHON" -c 'import polars' 2> /dev/null ;;
        duckdb) "$PYTHON" -c 'import duckdb' 2> /dev/null ;;
        pandas) "$PYTHON" -c 'import pandas, pyarrow' 2> /dev/null ;;
        datatable) command -v Rscript > /dev/null && Rscript -e 'library(data.table)' > /dev/null 2>&1 ;;
        dplyr) command -v Rscript > /dev/null && Rscript -e 'library(dplyr); library(readr)' > /dev/null 2>&1 ;;
        *) return 1 ;;
    esac
}
tools=()
for tool in $TOOLS; do
    if have "$tool"; then
        tools+=("$tool")
    else
        echo "skipping $tool: not installed (see the Needs lines at the top of run.sh; PYTHON=$PYTHON)"
    fi
done

# The command line of each tool for a job, in the array `cmd`.
command_for() { # tool job
    local population=latest by=cluster,cp
    [ "$2" = question ] && by=question
    [ "$2" = panel ] && population=panel:3
    case $1 in
        decentwork) cmd=(target/release/decentwork rates "$DATA" --population "$population" --from "$FROM" --to "$TO" --by "$by" --format csv) ;;
        polars | duckdb | pandas) cmd=("$PYTHON" "$PEERS/${1}_rates.py" "$DATA" "$FROM" "$TO" "$2") ;;
        datatable | dplyr) cmd=(Rscript "$PEERS/${1}_rates.R" "$DATA" "$FROM" "$TO" "$2") ;;
        reference) cmd=(python3 crates/decentwork-cli/tests/reference/analysts.py rates "$DATA" --population "$population" --from "$FROM" --to "$TO" --by "$by") ;;
        floor) cmd=(cat "$DATA") ;;
    esac
}

measure() { # job tool
    local job=$1 tool=$2 out="$WORK/$1-$2.csv"
    command_for "$tool" "$job"
    [ "$tool" = floor ] && out=/dev/null
    /usr/bin/time -f "%e %M" -o "$WORK/time" "${cmd[@]}" > "$out" 2> "$WORK/$job-$tool.err" || {
        echo "$tool failed on $job:"
        cat "$WORK/$job-$tool.err"
        return 1
    }
    read -r wall kb < "$WORK/time"
    echo "$job $tool $wall $kb" >> "$WORK/results"
}

# Read the file once so every tool starts from the page cache.
cat "$DATA" > /dev/null
rm -f "$WORK/results"
echo "the command lines:"
for job in $JOBS; do
    for tool in "${tools[@]}"; do
        command_for "$tool" "$job"
        echo "  $job $tool: ${cmd[*]}"
    done
done
if [ "${REFERENCE:-0}" = 1 ]; then
    for job in $JOBS; do
        echo "reference ($job), untimed"
        command_for reference "$job"
        "${cmd[@]}" > "$WORK/$job-reference.csv"
    done
fi
# Runs alternate between tools, so that a slow spell of the machine falls on
# all of them alike.
for run in $(seq "$RUNS"); do
    echo "run $run of $RUNS"
    for job in $JOBS; do
        measure "$job" floor
        for tool in "${tools[@]}"; do
            measure "$job" "$tool"
        done
    done
done

"$PYTHON" - "$WORK" "${REFERENCE:-0}" <<'PY'
import csv, os, statistics, sys

work, reference = sys.argv[1], sys.argv[2] == "1"

def load(job, tool):
    with open(os.path.join(work, f"{job}-{tool}.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        return {}
    key = ("question_id",) if "question_id" in rows[0] else ("cluster", "cp")
    return {tuple(r[k] for k in key): (int(r["assessed"]), int(r["non_compliant"])) for r in rows}

results = {}
for line in open(os.path.join(work, "results")):
    job, tool, wall, kb = line.split()
    results.setdefault(job, {}).setdefault(tool, []).append((float(wall), int(kb)))
ok = True
for job, tools in results.items():
    print(f"\n== {job}")
    ours = load(job, "decentwork") if "decentwork" in tools else None
    others = [t for t in tools if t not in ("decentwork", "floor")] + (["reference"] if reference else [])
    base_name = "decentwork" if ours is not None else others[0]
    base = ours if ours is not None else load(job, base_name)
    for tool in others:
        if tool == base_name:
            continue
        theirs = load(job, tool)
        diff = sorted(k for k in set(base) | set(theirs) if base.get(k) != theirs.get(k))
        if diff:
            ok = False
            print(f"MISMATCH {tool} against {base_name}: {len(diff)} groups differ, e.g. "
                  + "; ".join(f"{k}: {base.get(k)} vs {theirs.get(k)}" for k in diff[:3]))
        else:
            print(f"{tool}: all {len(base)} counts agree with {base_name}")
    # When decentwork disagrees, say whether the others agree among themselves.
    answers = {tool: load(job, tool) for tool in others}
    if len(answers) > 1:
        same = all(a == next(iter(answers.values())) for a in answers.values())
        print(f"{', '.join(answers)}: {'all agree with each other' if same else 'DISAGREE among themselves'}")
        ok = ok and same
    stats = {t: (statistics.median(w for w, _ in r), min(w for w, _ in r), max(w for w, _ in r),
                 max(k for _, k in r)) for t, r in tools.items()}
    ref_wall, ref_mem = stats[base_name][0], stats[base_name][3]
    print(f"{len(tools[base_name])} runs each; median wall time (min-max), largest peak memory")
    print(f"{'tool':<12}{'wall s':>9}{'min-max s':>14}{'peak MB':>10}{f'time / {base_name}':>22}{f'memory / {base_name}':>24}")
    for t, (w, lo, hi, k) in stats.items():
        print(f"{t:<12}{w:>9.2f}{f'{lo:.2f}-{hi:.2f}':>14}{k / 1024:>10.1f}"
              f"{w / ref_wall if ref_wall else float('nan'):>22.2f}{k / ref_mem:>24.2f}")
sys.exit(0 if ok else 1)
PY
