#!/usr/bin/env python3
"""Worked examples for analysts.py: tiny exports whose answers are counted by
hand in the comments. Standard library only; no test framework.

usage: python3 selftest.py     (prints one line per example, then "N passed, N failed")
"""

import io
import os
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import analysts  # noqa: E402

HEADER = ("Country,Cluster,CP,Q.Label,Question.ID,Question.type,Finding,Tags,Quest.ID,"
          "Factory.Assessed.ID,Factory.Assessed.Name,Assesment.Start.Date,Cycle,TQ.Name")

WT, HOURS, OVERTIME = "Working Time", "Regular Hours", "Overtime"


def quote(text):
    text = str(text)
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def row(quest, factory, date, cycle, qid, finding, *, cluster=WT, cp=HOURS, country="Bangladesh",
        name=None, label=None, tags="", kind="NCQ", tool="Garment CAT"):
    """One export row; `date` as the export writes it (dd/mm/yyyy)."""
    name = name if name is not None else f"Factory {factory}"
    label = label if label is not None else f"Question {qid}?"
    return ",".join(quote(v) for v in (country, cluster, cp, label, qid, kind, finding, tags, quest,
                                        factory, name, date, cycle, tool))


def run(rows, *args):
    """analysts.py ARGS over an export of these rows; the output's lines."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as f:
        f.write(HEADER + "\n" + "\n".join(rows) + "\n")
        path = f.name
    try:
        out = io.StringIO()
        analysts.run([args[0], path, *args[1:]], out)
        return out.getvalue().splitlines()
    finally:
        os.unlink(path)


def body(lines):
    """The lines after the header."""
    return lines[1:]


# ---------------------------------------------------------------- populations

# Four factories, one Working Time question (WT.HOURS.01), finding in brackets:
#   factory 1: cycle 1 on 10/03/2019 (1), cycle 3 on 01/04/2021 (0)        -> skips cycle 2
#   factory 2: cycle 1 15/05/2019 (0), cycle 2 20/05/2020 (1),
#              cycle 2 again 30/09/2020 (0), cycle 3 01/06/2021 (1)        -> repeats cycle 2
#   factory 3: cycle 1 01/07/2019 (1), cycle 2 31/07/2020 (1)              -> highest cycle 2
#   factory 4: cycles 1..4 on 31/01/2018 (0), 01/02/2019 (0), 29/02/2020 (1), 01/12/2021 (0)
PANEL = [
    row(101, 1, "10/03/2019", 1, "WT.HOURS.01", 1),
    row(102, 1, "01/04/2021", 3, "WT.HOURS.01", 0),
    row(201, 2, "15/05/2019", 1, "WT.HOURS.01", 0),
    row(202, 2, "20/05/2020", 2, "WT.HOURS.01", 1),
    row(203, 2, "30/09/2020", 2, "WT.HOURS.01", 0),
    row(204, 2, "01/06/2021", 3, "WT.HOURS.01", 1),
    row(301, 3, "01/07/2019", 1, "WT.HOURS.01", 1),
    row(302, 3, "31/07/2020", 2, "WT.HOURS.01", 1),
    row(401, 4, "31/01/2018", 1, "WT.HOURS.01", 0),
    row(402, 4, "01/02/2019", 2, "WT.HOURS.01", 0),
    row(403, 4, "29/02/2020", 3, "WT.HOURS.01", 1),
    row(404, 4, "01/12/2021", 4, "WT.HOURS.01", 0),
]


def test_panel_keeps_skipped_and_repeated_cycles():
    # panel:3: factories whose highest cycle is >= 3 are 1, 2 and 4; all their
    # assessments of cycle <= 3 count, each once. Factory 3 (highest cycle 2) is out.
    # cycle 1: 101 (1), 201 (0), 401 (0)      -> 3 assessed, 1 non-compliant
    # cycle 2: 202 (1), 203 (0), 402 (0)      -> 3, 1
    # cycle 3: 102 (0), 204 (1), 403 (1)      -> 3, 2
    out = run(PANEL, "rates", "--population", "panel:3", "--by", "cycle,cp")
    assert out[0] == "cycle,cluster,cluster_id,cp,cp_id,assessed,non_compliant,rate", out[0]
    assert body(out) == [
        "1,Working Time,WT,Regular Hours,WT.HOURS,3,1,0.3333",
        "2,Working Time,WT,Regular Hours,WT.HOURS,3,1,0.3333",
        "3,Working Time,WT,Regular Hours,WT.HOURS,3,2,0.6667",
    ], out
    # Without the cycle: 9 assessments, 4 non-compliant (101, 202, 204, 403).
    out = run(PANEL, "rates", "--population", "panel:3", "--by", "cp")
    assert body(out) == ["Working Time,WT,Regular Hours,WT.HOURS,9,4,0.4444"], out


def test_panel_strict_needs_one_assessment_per_cycle():
    # Factory 1 lacks cycle 2, factory 2 has two in cycle 2, factory 3 stops at 2:
    # only factory 4 stays, with cycles 1..3 (its cycle 4 is not kept).
    out = run(PANEL, "rates", "--population", "panel-strict:3", "--by", "cycle,cluster")
    assert out[0] == "cycle,cluster,cluster_id,assessed,non_compliant,rate", out[0]
    assert body(out) == [
        "1,Working Time,WT,1,0,0.0000",
        "2,Working Time,WT,1,0,0.0000",
        "3,Working Time,WT,1,1,1.0000",
    ], out
    out = run(PANEL, "microdata", "--population", "panel-strict:3", "--level", "assessment")
    assert [line.split(",")[4] for line in body(out)] == ["401", "402", "403"], out


def test_latest_and_cycle():
    # latest: 102 (0), 204 (1), 302 (1), 404 (0)  -> 4 assessed, 2 non-compliant.
    out = run(PANEL, "rates", "--population", "latest", "--by", "cluster")
    assert body(out) == ["Working Time,WT,4,2,0.5000"], out
    # cycle:2: 202 (1), 203 (0), 302 (1), 402 (0) -> the repeat counts too.
    out = run(PANEL, "rates", "--population", "cycle:2", "--by", "cycle")
    assert out == ["cycle,assessed,non_compliant,rate", "2,4,2,0.5000"], out


def test_window_filters_before_the_population():
    # Window 2020-01..2020-12 holds 202, 203, 302, 403 (29/02/2020 is inside).
    # latest of each factory among them: 203 (0), 302 (1), 403 (1).
    out = run(PANEL, "rates", "--population", "latest", "--from", "2020-01", "--to", "2020-12", "--by", "cp")
    assert body(out) == ["Working Time,WT,Regular Hours,WT.HOURS,3,2,0.6667"], out
    # Window 2019-01..2020-12, then panel:3: in the window the highest cycles are
    # factory 1: 1, factory 2: 2, factory 3: 2, factory 4: 3 (402, 403; 401 of
    # 31/01/2018 is outside). Only factory 4 is in the panel.
    out = run(PANEL, "rates", "--population", "panel:3", "--from", "2019-01", "--to", "2020-12",
              "--by", "cycle,cp")
    assert body(out) == [
        "2,Working Time,WT,Regular Hours,WT.HOURS,1,0,0.0000",
        "3,Working Time,WT,Regular Hours,WT.HOURS,1,1,1.0000",
    ], out
    # Only --to: everything up to 2018-01 is 401 alone.
    out = run(PANEL, "rates", "--population", "cycle:1", "--to", "2018-01", "--by", "cluster")
    assert body(out) == ["Working Time,WT,1,0,0.0000"], out


def test_latest_ties():
    # Same date: the higher cycle wins (cycle 2 with ID 50 over cycle 1 with ID 60).
    # Same date and cycle: the higher assessment ID wins, as a number (10 over 9).
    rows = [
        row(50, 7, "06/06/2020", 2, "WT.HOURS.01", 1),
        row(60, 7, "06/06/2020", 1, "WT.HOURS.01", 0),
        row(9, 8, "03/03/2020", 1, "WT.HOURS.01", 1),
        row(10, 8, "03/03/2020", 1, "WT.HOURS.01", 0),
    ]
    out = run(rows, "microdata", "--population", "latest", "--level", "assessment")
    assert [line.split(",")[4] for line in body(out)] == ["50", "10"], out


# ---------------------------------------------------------------- duplicates

DUPLICATES = [
    # Assessment 11: WT.HOURS.01 written twice alike; WT.HOURS.02 written with 0 and with 1.
    row(11, 1, "01/02/2020", 1, "WT.HOURS.01", 0),
    row(11, 1, "01/02/2020", 1, "WT.HOURS.01", 0),
    row(11, 1, "01/02/2020", 1, "WT.HOURS.02", 0),
    row(11, 1, "01/02/2020", 1, "WT.HOURS.02", 1),
    row(11, 1, "01/02/2020", 1, "WT.OVERTIME.01", 0, cp=OVERTIME),
    # Fact-gathering rows never count, whatever their finding.
    row(11, 1, "01/02/2020", 1, "WT.HOURS.03", "", kind="FGW"),
    row(11, 1, "01/02/2020", 1, "WT.OVERTIME.02", "7", kind="FGW", cp=OVERTIME),
    # Assessment 22: WT.HOURS.01 non-compliant, written twice alike; WT.OVERTIME.03 written
    # with 1 and then with 0 (the order does not matter).
    row(22, 2, "05/03/2020", 1, "WT.HOURS.01", 1),
    row(22, 2, "05/03/2020", 1, "WT.HOURS.01", 1),
    row(22, 2, "05/03/2020", 1, "WT.OVERTIME.01", 0, cp=OVERTIME),
    row(22, 2, "05/03/2020", 1, "WT.OVERTIME.03", 1, cp=OVERTIME),
    row(22, 2, "05/03/2020", 1, "WT.OVERTIME.03", 0, cp=OVERTIME),
]


def test_duplicates_count_once_and_conflicts_are_non_compliant():
    # Regular Hours: 11 is non-compliant through the conflicting WT.HOURS.02, 22 through WT.HOURS.01.
    # Overtime: 22 is non-compliant through the conflicting WT.OVERTIME.03.
    out = run(DUPLICATES, "rates", "--population", "cycle:1", "--by", "cp")
    assert body(out) == [
        "Working Time,WT,Overtime,WT.OVERTIME,2,1,0.5000",
        "Working Time,WT,Regular Hours,WT.HOURS,2,2,1.0000",
    ], out
    # Questions are counted once each: 11 has 2 Regular Hours questions, 1 of them non-compliant.
    out = run(DUPLICATES, "microdata", "--population", "cycle:1")
    assert out[0] == ("country,country_code,factory_id,factory_name,assessment_id,date,cycle,tool_version,"
                      "cluster,cluster_id,cp,cp_id,questions_assessed,questions_non_compliant,non_compliant")
    assert body(out) == [
        "Bangladesh,BD,1,Factory 1,11,2020-02-01,1,Garment CAT,Working Time,WT,Overtime,WT.OVERTIME,1,0,0",
        "Bangladesh,BD,1,Factory 1,11,2020-02-01,1,Garment CAT,Working Time,WT,Regular Hours,WT.HOURS,2,1,1",
        "Bangladesh,BD,2,Factory 2,22,2020-03-05,1,Garment CAT,Working Time,WT,Overtime,WT.OVERTIME,2,1,1",
        "Bangladesh,BD,2,Factory 2,22,2020-03-05,1,Garment CAT,Working Time,WT,Regular Hours,WT.HOURS,1,1,1",
    ], out
    # Per question: WT.HOURS.01 non-compliant in 22 only; WT.HOURS.02 in 11 (conflict).
    out = run(DUPLICATES, "rates", "--population", "cycle:1", "--by", "question")
    assert body(out) == [
        'WT.HOURS.01,Question WT.HOURS.01?,Working Time,WT,Regular Hours,WT.HOURS,FALSE,2,1,0.5000',
        'WT.HOURS.02,Question WT.HOURS.02?,Working Time,WT,Regular Hours,WT.HOURS,FALSE,1,1,1.0000',
        'WT.OVERTIME.01,Question WT.OVERTIME.01?,Working Time,WT,Overtime,WT.OVERTIME,FALSE,2,0,0.0000',
        'WT.OVERTIME.03,Question WT.OVERTIME.03?,Working Time,WT,Overtime,WT.OVERTIME,FALSE,1,1,1.0000',
    ], out
    # Factory level: 11 has 2 points, 1 non-compliant; 22 has 2 points, both non-compliant.
    out = run(DUPLICATES, "microdata", "--population", "latest", "--level", "assessment")
    assert out[0] == ("country,country_code,factory_id,factory_name,assessment_id,date,cycle,tool_version,"
                      "cps_assessed,cps_non_compliant,rate")
    assert [line.rsplit(",", 3)[1:] for line in body(out)] == [["2", "1", "0.5000"], ["2", "2", "1.0000"]], out


# ---------------------------------------------------------------- legacy labels

CL, OSH = "Child Labour", "Occupational Safety and Health"
LEGACY = [
    # Assessment 1 (2018): the legacy cluster "Systems" and the legacy point "Hazardous Work".
    row(1, 1, "01/06/2018", 1, "OSH.MGMT.01", 1, cluster="Systems", cp="OSH Management Systems",
        label="Old wording, with a comma"),
    row(1, 1, "01/06/2018", 1, "CL.HAZARD.01", 0, cluster=CL, cp="Hazardous Work"),
    row(1, 1, "01/06/2018", 1, "CL.UWF.01", 1, cluster=CL, cp="Unconditional Worst Forms"),
    # Assessment 2 (2022): today's labels.
    row(2, 2, "01/06/2022", 1, "OSH.MGMT.01", 0, cluster=OSH, cp="OSH Management Systems",
        tags="Public Disclosure"),
    row(2, 2, "01/06/2022", 1, "CL.HAZARD.01", 0, cluster=CL, cp="Hazardous Work and other Worst Forms"),
    row(2, 2, "01/06/2022", 1, "CL.UWF.01", 0, cluster=CL, cp="Unconditional Worst Forms"),
]


def test_systems_and_worst_forms_as_exported():
    # The export's labels: "Systems" stays (no catalogue ID); each worst-forms label is its own row,
    # "Hazardous Work" taking CL.HAZARD as the catalogue's alias.
    out = run(LEGACY, "rates", "--population", "cycle:1", "--by", "cp")
    assert body(out) == [
        "Child Labour,CL,Hazardous Work,CL.HAZARD,1,0,0.0000",
        "Child Labour,CL,Hazardous Work and other Worst Forms,CL.HAZARD,1,0,0.0000",
        "Child Labour,CL,Unconditional Worst Forms,CL.UWF,2,1,0.5000",
        "Occupational Safety and Health,OSH,OSH Management Systems,OSH.MGMT,1,0,0.0000",
        "Systems,,OSH Management Systems,OSH.MGMT,1,1,1.0000",
    ], out
    out = run(LEGACY, "rates", "--population", "cycle:1", "--by", "cluster")
    assert body(out) == [
        "Child Labour,CL,2,1,0.5000",
        "Occupational Safety and Health,OSH,1,0,0.0000",
        "Systems,,1,1,1.0000",
    ], out
    # Factory level: assessment 1 has 3 points (2 non-compliant), assessment 2 has 3 (none).
    out = run(LEGACY, "microdata", "--population", "cycle:1", "--level", "assessment")
    assert [line.rsplit(",", 3)[1:] for line in body(out)] == [["3", "2", "0.6667"], ["3", "0", "0.0000"]], out
    # A question takes the first label and point seen in the file; public if any row says so.
    out = run(LEGACY, "rates", "--population", "cycle:1", "--by", "question")
    assert body(out)[-1] == ('OSH.MGMT.01,"Old wording, with a comma",Systems,,OSH Management Systems,'
                             'OSH.MGMT,TRUE,2,1,0.5000'), out


def test_systems_and_worst_forms_harmonised():
    # "Systems" reads as OSH; the three worst-forms labels are one point of Child Labour.
    out = run(LEGACY, "rates", "--population", "cycle:1", "--by", "cp", "--harmonise")
    assert body(out) == [
        "Child Labour,CL,Hazardous Work and other Worst Forms,CL.HAZARD,2,1,0.5000",
        "Occupational Safety and Health,OSH,OSH Management Systems,OSH.MGMT,2,1,0.5000",
    ], out
    # Assessment 1's merged point holds two questions, one non-compliant.
    out = run(LEGACY, "microdata", "--population", "cycle:1", "--harmonise")
    assert body(out)[0].endswith(",1,Garment CAT,Child Labour,CL,Hazardous Work and other Worst Forms,"
                                 "CL.HAZARD,2,1,1"), out
    out = run(LEGACY, "microdata", "--population", "cycle:1", "--level", "assessment", "--harmonise")
    assert [line.rsplit(",", 3)[1:] for line in body(out)] == [["2", "2", "1.0000"], ["2", "0", "0.0000"]], out
    out = run(LEGACY, "rates", "--population", "cycle:1", "--by", "question", "--harmonise")
    assert body(out)[-1] == ('OSH.MGMT.01,"Old wording, with a comma",Occupational Safety and Health,OSH,'
                             'OSH Management Systems,OSH.MGMT,TRUE,2,1,0.5000'), out


# ---------------------------------------------------------------- countries and obsolete factories


def test_countries_and_obsolete_factories():
    rows = [
        row(1, 1, "01/01/2020", 1, "WT.HOURS.01", 1, country="Vietnam"),
        row(2, 1, "01/01/2021", 2, "WT.HOURS.01", 0, country="Viet Nam"),
        row(3, 2, "01/01/2021", 1, "WT.HOURS.01", 1, country="Viet Nam", name="Old Mill (Obsolete)"),
        # Without the parentheses the name is not marked obsolete.
        row(4, 3, "01/01/2021", 1, "WT.HOURS.01", 0, country="Atlantis", name="Obsolete Street Garments"),
    ]
    out = run(rows, "rates", "--population", "latest", "--by", "country")
    assert out == [
        "country,country_code,assessed,non_compliant,rate",
        "Atlantis,,1,0,0.0000",
        "Viet Nam,VN,2,1,0.5000",
    ], out
    out = run(rows, "rates", "--population", "latest", "--by", "country", "--exclude-obsolete")
    assert body(out) == ["Atlantis,,1,0,0.0000", "Viet Nam,VN,1,0,0.0000"], out
    out = run(rows, "rates", "--population", "cycle:1", "--by", "country,cycle,cp", "--exclude-obsolete")
    assert body(out) == [
        "Atlantis,,1,Working Time,WT,Regular Hours,WT.HOURS,1,0,0.0000",
        "Vietnam,VN,1,Working Time,WT,Regular Hours,WT.HOURS,1,1,1.0000",
    ], out


# ---------------------------------------------------------------- arithmetic, errors, command line


def test_rate_rounds_half_away_from_zero():
    cases = {(1, 3): "0.3333", (2, 3): "0.6667", (1, 32): "0.0313", (3, 32): "0.0938", (1, 1): "1.0000",
             (0, 5): "0.0000", (1, 20_000): "0.0001", (1, 20_001): "0.0000", (7, 8): "0.8750"}
    for (nc, n), text in cases.items():
        assert analysts.rate(nc, n) == text, (nc, n, analysts.rate(nc, n))


def test_refusals():
    for rows, args, words in [
        ([row(1, 1, "01/01/2020", 1, "WT.HOURS.01", 2)], ("--by", "cp"), "Finding"),
        ([row(1, 1, "2020-01-01", 1, "WT.HOURS.01", 1)], ("--by", "cp"), "Assesment.Start.Date"),
        ([row(1, 1, "01/01/2020", 1, "WT.HOURS.01", 1), row(1, 2, "01/01/2020", 1, "WT.HOURS.02", 1)],
         ("--by", "cp"), "Factory.Assessed.ID"),
        ([row(1, 1, "01/01/2020", 1, "WT.HOURS.01", 1)], ("--by", "cp", "--from", "2021-01", "--to", "2020-01"),
         "after"),
        ([row(1, 1, "01/01/2020", 1, "WT.HOURS.01", 1)], ("--by", "factory"), "--by"),
    ]:
        try:
            run(rows, "rates", "--population", "latest", *args)
        except analysts.InputError as e:
            assert words in str(e), (words, str(e))
        else:
            raise AssertionError(f"accepted {args} over {rows}")


def test_command_line():
    # The script as a program: reads standard input with -, writes CSV to standard output.
    export = HEADER + "\n" + "\n".join(PANEL) + "\n"
    result = subprocess.run([sys.executable, str(HERE / "analysts.py"), "rates", "-", "--population", "latest",
                             "--by", "cluster,cp"], input=export, capture_output=True, text=True, check=True)
    assert result.stdout == ("cluster,cluster_id,cp,cp_id,assessed,non_compliant,rate\n"
                             "Working Time,WT,Regular Hours,WT.HOURS,4,2,0.5000\n"), result.stdout
    result = subprocess.run([sys.executable, str(HERE / "analysts.py"), "rates", "-", "--population", "panel:0",
                             "--by", "cp"], input=export, capture_output=True, text=True)
    assert result.returncode == 2 and "panel" in result.stderr, result


def main():
    tests = [(name, fn) for name, fn in globals().items() if name.startswith("test_") and callable(fn)]
    failed = 0
    for name, fn in tests:
        try:
            fn()
        except Exception:  # noqa: BLE001 (report every failure, then the count)
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc()
        else:
            print(f"ok   {name}")
    print(f"{len(tests) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
