#!/usr/bin/env python3
"""Non-compliance rates as Better Work's analysts compute them: an independent
reference for `decentwork rates` and `decentwork microdata`.

Written from the analysts' published R manual (sck4/RManual) and from the
rules of the project's issue on analyst rates, not from decentwork's Rust
code. Standard library only (Python 3.11 or later, for tomllib), so that it
runs anywhere without installing anything. README.md beside this file says
what it implements, where the R code differs and how to run it.

usage:
  analysts.py rates EXPORT.csv --population POP [--from YYYY-MM] [--to YYYY-MM]
                    --by KEYS [--harmonise] [--exclude-obsolete]
  analysts.py microdata EXPORT.csv --population POP [--from YYYY-MM] [--to YYYY-MM]
                    [--level cp|assessment] [--harmonise] [--exclude-obsolete]

POP is latest, cycle:N, panel:N or panel-strict:N. KEYS is a comma list of
country, cycle, cluster, cp, or the single key question. EXPORT.csv may be -
for standard input. CSV goes to standard output.
"""

import argparse
import csv
import datetime
import re
import signal
import sys
import tomllib
from pathlib import Path

# Where the catalogue's checked-in data lives, from this file:
# crates/decentwork-cli/tests/reference/ -> crates/decentwork-catalogue/data/
CATALOGUE_DIR = Path(__file__).resolve().parents[3] / "decentwork-catalogue" / "data"

EXPORT_COLUMNS = (
    "Country", "Cluster", "CP", "Q.Label", "Question.ID", "Question.type", "Finding", "Tags",
    "Quest.ID", "Factory.Assessed.ID", "Factory.Assessed.Name", "Assesment.Start.Date",
    "Cycle", "TQ.Name",
)

# ISO 3166-1 alpha-2 codes of the programme countries, by the names exports use.
COUNTRY_CODES = {
    "Bangladesh": "BD",
    "Cambodia": "KH",
    "Egypt": "EG",
    "Ethiopia": "ET",
    "Haiti": "HT",
    "Indonesia": "ID",
    "Jordan": "JO",
    "Madagascar": "MG",
    "Nicaragua": "NI",
    "Pakistan": "PK",
    "Sri Lanka": "LK",
    "Vietnam": "VN",
    "Viet Nam": "VN",
}

# Harmonisation, as the analysts' balanced-panel function does it
# (3. Prepare Data for Analysis/3.1 Create a Balanced Panel.Rmd).
LEGACY_OSH_CLUSTER = "Systems"
OSH_CLUSTER = "Occupational Safety and Health"
WORST_FORMS = ("Hazardous Work", "Hazardous Work and other Worst Forms", "Unconditional Worst Forms")
WORST_FORMS_MERGED = "Hazardous Work and other Worst Forms"
WORST_FORMS_CLUSTER = "Child Labour"

OBSOLETE_MARK = "(Obsolete)"
# The columns that describe an assessment: every row of one Quest.ID must agree on them.
ASSESSMENT_COLUMNS = ("Factory.Assessed.ID", "Factory.Assessed.Name", "Country", "Assesment.Start.Date",
                      "Cycle", "TQ.Name")
RATE_KEYS = ("country", "cycle", "cluster", "cp")


class InputError(Exception):
    """Something in the input or the arguments that the reference refuses."""


# ---------------------------------------------------------------- catalogue


class Catalogue:
    """Cluster and compliance-point IDs by exact name or alias."""

    def __init__(self, directory):
        self.cluster_ids = self._index(directory / "clusters.toml", "cluster")
        self.cp_ids = self._index(directory / "compliance_points.toml", "compliance_point")

    @staticmethod
    def _index(path, table):
        with open(path, "rb") as f:
            data = tomllib.load(f)
        index = {}
        for record in data.get(table, []):
            for label in [record["name"], *record.get("aliases", [])]:
                known = index.setdefault(label, record["id"])
                if known != record["id"]:
                    raise InputError(f"{path}: label {label!r} names both {known} and {record['id']}")
        return index

    def cluster_id(self, label):
        # "Systems" is an alias of OSH in the catalogue, but the rule is that it
        # only becomes OSH when harmonised (then the label itself is OSH's name).
        if label == LEGACY_OSH_CLUSTER:
            return ""
        return self.cluster_ids.get(label, "")

    def cp_id(self, label):
        return self.cp_ids.get(label, "")


# ---------------------------------------------------------------- reading


def parse_month(text, option):
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError(f"{option} {text!r}: expected YYYY-MM")
    return int(m.group(1)), int(m.group(2))


def parse_date(text):
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if not m:
        raise ValueError("expected dd/mm/yyyy")
    return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))


class Assessment:
    """One assessment (one Quest.ID): who, when, and its findings by point."""

    __slots__ = ("assessment_id", "factory_id", "factory_name", "country", "date", "cycle",
                 "tool_version", "points")

    def __init__(self, assessment_id, factory_id, factory_name, country, date, cycle, tool):
        self.assessment_id = assessment_id
        self.factory_id = factory_id
        self.factory_name = factory_name
        self.country = country
        self.date = date
        self.cycle = cycle
        self.tool_version = tool
        # (cluster, cp) -> {question ID: non-compliant?}
        self.points = {}


class Question:
    """What the output says of a question: its first label and point, public or not."""

    __slots__ = ("text", "cluster", "cp", "public")

    def __init__(self, text, cluster, cp, public):
        self.text = text
        self.cluster = cluster
        self.cp = cp
        self.public = public


def harmonised(cluster, cp):
    if cluster == LEGACY_OSH_CLUSTER:
        cluster = OSH_CLUSTER
    if cp in WORST_FORMS:
        cluster, cp = WORST_FORMS_CLUSTER, WORST_FORMS_MERGED
    return cluster, cp


def read_export(stream, name, harmonise, exclude_obsolete, window):
    """Reads the export: the assessments kept by the obsolete and window filters,
    and what is known of every question (from every NCQ row of the file)."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None:
        raise InputError(f"{name}: empty file, no header")
    col = {}
    for i, h in enumerate(header):
        col.setdefault(h.strip(), i)
    missing = [c for c in EXPORT_COLUMNS if c not in col]
    if missing:
        raise InputError(f"{name} line 1: missing column(s) {', '.join(missing)}")
    width = len(header)
    assessments = {}
    questions = {}
    for row in reader:
        line = reader.line_num
        if not row:
            continue  # a blank line is no record
        if len(row) != width:
            raise InputError(f"{name} line {line}: {len(row)} fields, the header has {width}")

        def get(column):
            return row[col[column]]

        if get("Question.type").strip() != "NCQ":
            continue
        finding = get("Finding").strip()
        if finding not in ("0", "1"):
            raise InputError(f"{name} line {line} column Finding: {finding!r} is neither 0 nor 1")
        non_compliant = finding == "1"
        cluster, cp = get("Cluster").strip(), get("CP").strip()
        if harmonise:
            cluster, cp = harmonised(cluster, cp)
        question_id = get("Question.ID").strip()
        public = "Public Disclosure" in get("Tags")
        q = questions.get(question_id)
        if q is None:
            questions[question_id] = Question(get("Q.Label"), cluster, cp, public)
        elif public:
            q.public = True

        raw_date = get("Assesment.Start.Date").strip()
        try:
            date = parse_date(raw_date)
        except ValueError as e:
            raise InputError(f"{name} line {line} column Assesment.Start.Date: {raw_date!r}: {e}") from None
        raw_cycle = get("Cycle").strip()
        try:
            cycle = int(raw_cycle)
        except ValueError:
            raise InputError(f"{name} line {line} column Cycle: {raw_cycle!r} is not a whole number") from None
        assessment_id = get("Quest.ID").strip()
        fields = (get("Factory.Assessed.ID").strip(), get("Factory.Assessed.Name").strip(),
                  get("Country").strip(), date, cycle, get("TQ.Name").strip())
        a = assessments.get(assessment_id)
        if a is None:
            a = Assessment(assessment_id, *fields)
            assessments[assessment_id] = a
        else:
            have = (a.factory_id, a.factory_name, a.country, a.date, a.cycle, a.tool_version)
            for column, was, now in zip(ASSESSMENT_COLUMNS, have, fields):
                if was != now:
                    raise InputError(f"{name} line {line} column {column}: assessment {assessment_id} "
                                     f"has {now!r} here and {was!r} on an earlier row")
        findings = a.points.setdefault((cluster, cp), {})
        findings[question_id] = findings.get(question_id, False) or non_compliant

    # The filters act on whole assessments (every row of an assessment has the
    # same factory name and date, checked above).
    def kept(a):
        if exclude_obsolete and OBSOLETE_MARK in a.factory_name:
            return False
        if window is not None:
            start, end = window
            month = (a.date.year, a.date.month)
            if (start is not None and month < start) or (end is not None and month > end):
                return False
        return True

    assessments = {k: a for k, a in assessments.items() if kept(a)}
    return assessments, questions


# ---------------------------------------------------------------- populations


def id_order(text):
    """Assessment IDs compare as numbers when they are numbers (as in R, where
    read.csv reads Quest.ID as an integer), else as text."""
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


def parse_population(text):
    if text == "latest":
        return ("latest", None)
    m = re.fullmatch(r"(cycle|panel|panel-strict):(\d+)", text)
    if not m or int(m.group(2)) < 1:
        raise InputError(f"--population {text!r}: expected latest, cycle:N, panel:N or panel-strict:N (N >= 1)")
    return (m.group(1), int(m.group(2)))


def select(assessments, population):
    kind, n = population
    by_factory = {}
    for a in assessments.values():
        by_factory.setdefault(a.factory_id, []).append(a)
    chosen = []
    if kind == "latest":
        for group in by_factory.values():
            chosen.append(max(group, key=lambda a: (a.date, a.cycle, id_order(a.assessment_id))))
    elif kind == "cycle":
        chosen = [a for a in assessments.values() if a.cycle == n]
    elif kind == "panel":
        for group in by_factory.values():
            if max(a.cycle for a in group) >= n:
                chosen.extend(a for a in group if a.cycle <= n)
    elif kind == "panel-strict":
        for group in by_factory.values():
            per_cycle = {}
            for a in group:
                per_cycle[a.cycle] = per_cycle.get(a.cycle, 0) + 1
            if all(per_cycle.get(c, 0) == 1 for c in range(1, n + 1)):
                chosen.extend(a for a in group if 1 <= a.cycle <= n)
    return chosen


# ---------------------------------------------------------------- output


def rate(non_compliant, assessed):
    """non_compliant / assessed rounded half away from zero to 4 decimals, exactly."""
    q = (2 * non_compliant * 10_000 + assessed) // (2 * assessed)
    return f"{q // 10_000}.{q % 10_000:04d}"


def write_csv(out, rows):
    for row in rows:
        fields = []
        for value in row:
            text = str(value)
            if any(c in text for c in ',"\r\n'):
                text = '"' + text.replace('"', '""') + '"'
            fields.append(text)
        out.write(",".join(fields) + "\n")


def rates_table(chosen, keys, catalogue):
    counts = {}
    for a in chosen:
        groups = {}
        for (cluster, cp), findings in a.points.items():
            nc = any(findings.values())
            if "cp" in keys:
                label = (cluster, cp)
            elif "cluster" in keys:
                label = (cluster,)
            else:
                label = ()
            groups[label] = groups.get(label, False) or nc
        for label, nc in groups.items():
            key = []
            if "country" in keys:
                key.append(a.country)
            if "cycle" in keys:
                key.append(a.cycle)
            key.extend(label)
            c = counts.setdefault(tuple(key), [0, 0])
            c[0] += 1
            c[1] += nc
    header = []
    if "country" in keys:
        header += ["country", "country_code"]
    if "cycle" in keys:
        header += ["cycle"]
    if "cluster" in keys or "cp" in keys:
        header += ["cluster", "cluster_id"]
    if "cp" in keys:
        header += ["cp", "cp_id"]
    header += ["assessed", "non_compliant", "rate"]
    rows = []
    for key, (assessed, nc) in counts.items():
        it = iter(key)
        row = []
        if "country" in keys:
            country = next(it)
            row += [country, COUNTRY_CODES.get(country, "")]
        if "cycle" in keys:
            row.append(next(it))
        if "cluster" in keys or "cp" in keys:
            cluster = next(it)
            row += [cluster, catalogue.cluster_id(cluster)]
        if "cp" in keys:
            cp = next(it)
            row += [cp, catalogue.cp_id(cp)]
        rows.append(row + [assessed, nc, rate(nc, assessed)])
    # The key columns come first; sorting on them sorts strings as text and the cycle as a number.
    n_keys = len(header) - 3
    rows.sort(key=lambda r: tuple(r[:n_keys]))
    return header, rows


def question_table(chosen, questions, catalogue):
    counts = {}
    for a in chosen:
        seen = {}
        for findings in a.points.values():
            for qid, nc in findings.items():
                seen[qid] = seen.get(qid, False) or nc
        for qid, nc in seen.items():
            c = counts.setdefault(qid, [0, 0])
            c[0] += 1
            c[1] += nc
    header = ["question_id", "question", "cluster", "cluster_id", "cp", "cp_id", "public",
              "assessed", "non_compliant", "rate"]
    rows = []
    for qid in sorted(counts):
        assessed, nc = counts[qid]
        q = questions[qid]
        rows.append([qid, q.text, q.cluster, catalogue.cluster_id(q.cluster), q.cp, catalogue.cp_id(q.cp),
                     "TRUE" if q.public else "FALSE", assessed, nc, rate(nc, assessed)])
    return header, rows


def microdata_table(chosen, level, catalogue):
    def who(a):
        return [a.country, COUNTRY_CODES.get(a.country, ""), a.factory_id, a.factory_name, a.assessment_id,
                a.date.isoformat(), a.cycle, a.tool_version]

    head = ["country", "country_code", "factory_id", "factory_name", "assessment_id", "date", "cycle",
            "tool_version"]
    rows = []
    if level == "cp":
        header = head + ["cluster", "cluster_id", "cp", "cp_id", "questions_assessed",
                         "questions_non_compliant", "non_compliant"]
        for a in chosen:
            for (cluster, cp), findings in a.points.items():
                nq = sum(findings.values())
                rows.append(who(a) + [cluster, catalogue.cluster_id(cluster), cp, catalogue.cp_id(cp),
                                      len(findings), nq, 1 if nq else 0])
        rows.sort(key=lambda r: (r[2], r[5], r[4], r[8], r[10]))
    else:
        header = head + ["cps_assessed", "cps_non_compliant", "rate"]
        for a in chosen:
            n = len(a.points)
            nc = sum(1 for findings in a.points.values() if any(findings.values()))
            rows.append(who(a) + [n, nc, rate(nc, n)])
        rows.sort(key=lambda r: (r[2], r[5], r[4]))
    return header, rows


# ---------------------------------------------------------------- command line


def parse_args(argv):
    p = argparse.ArgumentParser(prog="analysts.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    for name in ("rates", "microdata"):
        s = sub.add_parser(name)
        s.add_argument("export", help="the Better Work export (CSV), or - for standard input")
        s.add_argument("--population", required=True)
        s.add_argument("--from", dest="start")
        s.add_argument("--to", dest="end")
        s.add_argument("--harmonise", action="store_true")
        s.add_argument("--exclude-obsolete", action="store_true")
        s.add_argument("--catalogue", type=Path, default=CATALOGUE_DIR,
                       help="the catalogue's data folder (clusters.toml, compliance_points.toml)")
        if name == "rates":
            s.add_argument("--by", required=True)
        else:
            s.add_argument("--level", choices=("cp", "assessment"), default="cp")
    return p.parse_args(argv)


def run(argv, out):
    args = parse_args(argv)
    population = parse_population(args.population)
    start = parse_month(args.start, "--from") if args.start else None
    end = parse_month(args.end, "--to") if args.end else None
    if start and end and start > end:
        raise InputError(f"--from {args.start} is after --to {args.end}")
    window = (start, end) if (start or end) else None
    keys = None
    if args.command == "rates":
        keys = [k.strip() for k in args.by.split(",") if k.strip()]
        if keys == ["question"]:
            pass
        elif not keys or any(k not in RATE_KEYS for k in keys):
            raise InputError(f"--by {args.by!r}: expected a comma list of {', '.join(RATE_KEYS)}, or question")
    catalogue = Catalogue(args.catalogue)
    if args.export == "-":
        stream = open(sys.stdin.fileno(), encoding="utf-8-sig", newline="", closefd=False)
        name = "standard input"
    else:
        stream = open(args.export, encoding="utf-8-sig", newline="")
        name = args.export
    with stream:
        assessments, questions = read_export(stream, name, args.harmonise, args.exclude_obsolete, window)
    chosen = select(assessments, population)
    if args.command == "microdata":
        header, rows = microdata_table(chosen, args.level, catalogue)
    elif keys == ["question"]:
        header, rows = question_table(chosen, questions, catalogue)
    else:
        header, rows = rates_table(chosen, keys, catalogue)
    write_csv(out, [header] + rows)


def main():
    # Let a closed pipe (| head) end the program quietly, as other tools do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        run(sys.argv[1:], sys.stdout)
    except InputError as e:
        print(f"analysts.py: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
