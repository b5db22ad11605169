#!/usr/bin/env python3
"""Build data/missile_launches.csv from the CNS North Korea Missile Test Database and nagix.

Maintainer tool, not part of the course: the course reads only the committed CSV.
It needs the reference copies described in ../shared/reference/README.md:

- cns_nk_missile_test_database_via_mesege1.csv (the CNS database, Latin-1)
- nagix_nk_missile_tests_test.en.json, ..._missile.en.json, ..._facility.en.json
  (a second compilation derived from CNS: used to find disagreements, and as the only
  source after the CNS copy ends)

Usage:
    python3 tools/build_missile_launches.py [REFERENCE_DIR] [--check]

It writes one row per missile launched 2012-2026. Up to the last date in the CNS copy
(12 April 2023) the rows are CNS's, with the facts CNS gives (date and time UTC, missile,
class, facility, apogee, distance, outcome, confirmation). The CNS prose columns are not read. Where nagix differs
from CNS, the note says so. After that date the CNS copy ends, and the rows come from
nagix alone (which nagix says it derives from CNS): source_id is nagix, date_cns and
confirmation are empty, and the note says so. Hand-checked notes (spot checks against news
reports and official statements) live in MANUAL_NOTES below and are appended to the note.
With --check it compares the built table with the committed CSV instead of writing.
"""
import csv
import json
import re
import sys
from datetime import datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REF = ROOT.parent / "shared" / "reference"
OUT = ROOT / "data" / "missile_launches.csv"
FIRST_YEAR, LAST_YEAR = 2012, 2026
CNS_SOURCE = "cns-nk-missile-test-database"
NAGIX_SOURCE = "nagix-nk-missile-tests"

COLUMNS = ["launch_id", "date_utc", "date_cns", "time_utc", "missile_name", "missile_class", "facility",
           "apogee_km", "distance_km", "outcome", "confirmation", "classification_disputed", "source_id",
           "check_source_id", "note"]

# Launches whose UTC date, checked against an official time, differs from the date CNS
# records (CNS sometimes gives the Korean date). date_utc takes the checked date; date_cns
# keeps the CNS one, so the disagreement stays visible. The evidence is in MANUAL_NOTES.
CHECKED_UTC_DATES = {
    "L2012-01": "2012-04-12",
    "L2016-06": "2016-04-14",
    "L2016-23": "2016-10-15",
    "L2017-11": "2017-05-13",
    "L2022-01": "2022-01-04",
}

# Spot checks done by hand against news reports and official statements
# (launch_id -> (source_id of the check, note in our words)). Kept here so that a
# rebuild does not lose them. KST = UTC+9.
MANUAL_NOTES = {
    "L2012-01": ("spaceflightnow-2012-04-12-north-korean-rocket-launch-ends-in-failure",
                 "Checked: NORAD put the launch at 22:39 UTC on 12 April (07:39 KST on 13 April), so the CNS date "
                 "is the Korean date and the UTC date is 2012-04-12"),
    "L2016-01": ("spacepolicyonline-2016-02-06-north-korea-launches-satellite",
                 "Checked: US Strategic Command gave 00:29 UTC on 7 Feb (6:29 p.m. CST on 6 Feb), as CNS; "
                 "the nagix time is 12 hours off"),
    "L2016-06": ("wikinews-2016-04-17-north-korean-ballistic-missile-fails-at-launch",
                 "Checked: a US official gave 20:33 UTC on Thursday 14 April (early 15 April KST); CNS has the "
                 "same time but the Korean date, so the UTC date is 2016-04-14"),
    "L2016-23": ("abcnews-2016-10-15-us-detects-failed-north-korean-missile-test",
                 "Checked: US Strategic Command gave 10:33 p.m. CDT on 14 Oct, i.e. 03:33 UTC on 15 Oct (about "
                 "12:33 KST); the CNS date and time (18:33 UTC on 14 Oct) do not match it"),
    "L2017-11": ("csis-missilethreat-north-korea-tests-new-irbm",
                 "Checked: 787 km and about 2,111 km altitude as CNS; the launch is dated 14 May, the Korean date. "
                 "The CNS time (20:28 UTC) is 05:28 KST on 14 May, so the UTC date is 2017-05-13"),
    "L2017-14": ("wowtv-2017-07-04-north-korea-icbm-933km",
                 "Checked: South Korea put the launch at about 09:40 KST (00:40 UTC), as CNS; the nagix time is "
                 "12 hours off. 2,802 km and 933 km are the North's own figures (JCS and CSIS: about 2,800 km and 930 km)"),
    "L2017-15": ("defensegov-2017-07-28-statement-davis-north-korea-icbm-launch",
                 "Checked: the Pentagon gave about 14:41 UTC (10:41 a.m. EDT), launch from Mupyong-ni, about "
                 "1,000 km; 3,724.9 km and 998 km are the North's figures (Reuters)"),
    "L2017-19": ("myrepublica-2017-08-29-north-korea-fires-missile-over-japan",
                 "Checked: overflew Japan; JCS gave about 2,700 km and a 549 km peak, Japan's defence minister "
                 "550 km (Reuters); CNS leaves the outcome unknown"),
    "L2017-20": ("nippon-2017-09-15-north-korea-fires-ballistic-missile-over-japan-again",
                 "Checked: launch near Sunan about 06:57 KST on 15 Sept (21:57 UTC on 14 Sept), about 3,700 km; "
                 "Japan and South Korea gave a peak of about 800 km against CNS's 770 km"),
    "L2017-21": ("csis-missilethreat-north-korea-conducts-third-icbm-test",
                 "Checked: from near Pyongsong; JCS gave about 4,500 km altitude and 960 km, while CNS uses the "
                 "North's 4,475 km and 950 km (Reuters)"),
    "L2019-02": ("nknews-2019-05-03-north-korea-launches-short-range-projectiles",
                 "Checked: JCS reported several projectiles from the Hodo peninsula between 09:06 and 09:27 KST "
                 "(00:06-00:27 UTC) flying 70-200 km; the CNS time 01:54 UTC is outside that window"),
    "L2019-06": ("csis-missilethreat-north-korea-fires-new-ballistic-missiles",
                 "Checked: JCS first gave 430 km and 690 km (the CNS figures), 50 km altitude, and on 26 July "
                 "revised both to about 600 km (the nagix figures; Janes)"),
    "L2019-07": ("janes-2019-07-update-north-korea-launches-more-srbms",
                 "Checked: launches at 05:34 and 05:57 KST, as CNS; JCS first gave 430 km and 690 km (the CNS "
                 "figures) and on 26 July revised both to about 600 km (the nagix figures)"),
    "L2019-08": ("csis-missilethreat-north-korea-tests-large-caliber-rockets",
                 "Checked: two launches near Wonsan, JCS 250 km and 30 km altitude, as CNS; the North called the "
                 "system a new large-caliber guided multiple rocket launcher"),
    "L2019-09": ("csis-missilethreat-north-korea-tests-large-caliber-rockets",
                 "Checked: two launches near Wonsan, JCS 250 km and 30 km altitude, as CNS; the North called the "
                 "system a new large-caliber guided multiple rocket launcher"),
    "L2019-10": ("yonhap-2019-08-03-north-korea-tested-new-rocket-launcher-again",
                 "Checked: JCS said the launches were from Yonghung, about 220 km, altitude about 25 km"),
    "L2019-11": ("yonhap-2019-08-03-north-korea-tested-new-rocket-launcher-again",
                 "Checked: JCS said the launches were from Yonghung, about 220 km, altitude about 25 km"),
    "L2019-18": ("cp24-2019-08-24-north-korea-tests-super-large-multiple-rocket-launcher",
                 "Checked: JCS gave about 380 km and a 97 km peak, as CNS"),
    "L2019-19": ("cp24-2019-08-24-north-korea-tests-super-large-multiple-rocket-launcher",
                 "Checked: JCS gave about 380 km and a 97 km peak, as CNS"),
    "L2022-01": ("newser-2022-01-05-north-korea-fires-suspected-ballistic-missile",
                 "Checked: South Korea and Japan reported the launch on Wednesday 5 January (Korean date) in a story "
                 "first posted at 06:02 UTC that day, so the CNS time of 23:10 UTC belongs to 4 January (08:10 KST on "
                 "5 January): the CNS date is the Korean date. nagix has the UTC date"),
    "L2023-16": ("kazinform-kyodo-2023-04-14-north-korea-new-solid-fuel-icbm",
                 "Checked: the first solid-fuel ICBM (Hwasong-18), launched on 13 April KST (the CNS time, 22:22 UTC "
                 "on 12 April, is 07:22 KST on 13 April); JCS gave about 1,000 km, as CNS"),
    "L2024-40": ("chosun-2024-10-31-north-korea-icbm-86-minutes",
                 "Checked: JCS gave about 07:10 KST on 31 October (22:10 UTC on 30 October) and Japan's defence "
                 "ministry 07:11, a flight of about 86 minutes and a possible altitude over 7,000 km (nagix 7,687 km); "
                 "about 1,000 km flown (koreaherald-2024-10-31-suspected-icbm-longest-flight), nagix 1,001 km"),
    "L2019-23": ("koreaherald-2019-10-02-north-korea-fires-slbm",
                 "Checked: JCS gave 07:11 KST on 2 Oct (22:11 UTC on 1 Oct), about 450 km, about 910 km apogee; "
                 "the nagix time matches JCS, the CNS time is 22:00"),
}

# Launches that CNS counts as ballistic missiles while an official source disputes that the
# weapon was a ballistic missile (launch_id -> (source_id of the dispute, note in our words)).
# Hand-checked; the row stays in the table with classification_disputed = true, so every
# count can say whether it includes it.
DISPUTED_CLASSIFICATION = {
    "L2019-01": ("thehill-2019-04-18-shanahan-not-ballistic-missile",
                 "Classification disputed: North Korea announced a 'new-type tactical guided weapon'; the "
                 "acting US Defense Secretary, Patrick Shanahan, said on 18 April that it was not a ballistic "
                 "missile, and US officials told CNN that Strategic Command detected no missile launch. CNS "
                 "lists an SRBM with no name, time, facility or distance"),
}

# Facility names that differ between CNS and nagix only in spelling.
SPELLING_ONLY = {("Kaechon Air Base", "Kaechon Airbase"), ("Tongchan", "Tongchon")}


def km(value):
    """'2802 km' -> '2802'; 'Unknown', blank or NaN -> ''."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value).strip()
    match = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*km", text)
    return match.group(1) if match else ""


def hhmm(value):
    """CNS '9:57:00 PM' -> '21:57' (seconds dropped); blank or 'Unknown' -> ''."""
    if blank_if_unknown(value) == "":
        return ""
    return datetime.strptime(str(value).strip(), "%I:%M:%S %p").strftime("%H:%M")


def blank_if_unknown(value):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = str(value).strip()
    return "" if text.lower() in {"unknown", "nan", ""} else text


def load_cns(ref):
    df = pd.read_csv(ref / "cns_nk_missile_test_database_via_mesege1.csv", encoding="latin-1")
    # A few 1980s-90s rows give only a month ("Sep-84"); they fall outside the years we keep.
    df["date"] = pd.to_datetime(df["Date"], format="%d-%b-%y", errors="coerce")
    df = df[df["date"].dt.year.between(FIRST_YEAR, LAST_YEAR)].copy()
    return df.reset_index(drop=True)


def load_nagix(ref):
    tests = json.loads((ref / "nagix_nk_missile_tests_test.en.json").read_text(encoding="utf-8"))
    missiles = json.loads((ref / "nagix_nk_missile_tests_missile.en.json").read_text(encoding="utf-8"))
    facilities = json.loads((ref / "nagix_nk_missile_tests_facility.en.json").read_text(encoding="utf-8"))
    rows = []
    for time_bin in tests["timeBins"]:
        for r in time_bin["data"]:
            if not (str(FIRST_YEAR) <= r["date"][:4] <= str(LAST_YEAR)):
                continue
            missile = missiles.get(r["missile"], {"name": r["missile"], "type": "?"})
            facility = facilities["facilities"].get(r["facility"], {"name": r["facility"]})
            time = r["time"].replace(" (UTC)", "")
            rows.append({
                "date": r["date"],
                "time": "" if time == "unknown" else time,
                "missile_name": missile["name"],
                "missile_class": missile["type"],
                "facility": facility["name"],
                "apogee": "" if r["apogee"] in ("unknown", "na") else str(r["apogee"]),
                "distance": "" if r["distance"] in ("unknown", "na") else str(r["distance"]),
                "outcome": r["outcome"],
            })
    return rows


def same_number(a, b):
    if a == "" or b == "":
        return a == b
    return float(a) == float(b)


def disagreements(ours, nag):
    """List the fields where nagix says something else than CNS for one launch."""
    out = []
    if ours["time_utc"] != nag["time"]:
        out.append(f"launch time (nagix {nag['time'] or 'gives none'})")
    if (ours["missile_name"] or "Unknown") != nag["missile_name"]:
        out.append(f"missile (nagix {nag['missile_name']})")
    nag_class = "unknown" if nag["missile_class"] == "Unknown" else nag["missile_class"]
    if ours["missile_class"] != nag_class:
        out.append(f"class (nagix {nag['missile_class']})")
    if (ours["facility"], nag["facility"]) in SPELLING_ONLY:
        out.append(f"facility spelling (nagix {nag['facility']})")
    elif (ours["facility"] or "Unknown") != nag["facility"]:
        out.append(f"facility (nagix {nag['facility']})")
    if not same_number(ours["apogee_km"], nag["apogee"]):
        out.append("apogee (nagix " + (nag["apogee"] + " km" if nag["apogee"] else "gives none") + ")")
    if not same_number(ours["distance_km"], nag["distance"]):
        out.append("distance (nagix " + (nag["distance"] + " km" if nag["distance"] else "gives none") + ")")
    if ours["outcome"] != nag["outcome"]:
        out.append(f"outcome (nagix {nag['outcome']})")
    return out


def nagix_only_row(n, launch_id):
    """A launch after the end of the CNS copy, from nagix alone (CNS fields left empty)."""
    cls = n["missile_class"]
    return {
        "launch_id": launch_id,
        "date_utc": n["date"],
        "date_cns": "",
        "time_utc": n["time"],
        "missile_name": "" if n["missile_name"] == "Unknown" else n["missile_name"],
        "missile_class": "unknown" if cls == "Unknown" else cls,
        "facility": "" if n["facility"] == "Unknown" else n["facility"],
        "apogee_km": n["apogee"],
        "distance_km": n["distance"],
        "outcome": n["outcome"],
        "confirmation": "",
        "classification_disputed": "true" if launch_id in DISPUTED_CLASSIFICATION else "false",
        "source_id": NAGIX_SOURCE,
        "check_source_id": "",
        "note": "",
    }


def build(ref):
    cns = load_cns(ref)
    nag = load_nagix(ref)
    cns_end = cns["date"].max().strftime("%Y-%m-%d")
    nag_after = [n for n in nag if n["date"] > cns_end]
    nag = [n for n in nag if n["date"] <= cns_end]
    if len(cns) != len(nag):
        raise SystemExit(f"CNS has {len(cns)} launches {FIRST_YEAR}-{LAST_YEAR}, nagix {len(nag)}: align by hand")
    rows, per_year = [], {}
    for (_, c), n in zip(cns.iterrows(), nag):
        date = c["date"].strftime("%Y-%m-%d")
        year = date[:4]
        per_year[year] = per_year.get(year, 0) + 1
        launch_id = f"L{year}-{per_year[year]:02d}"
        # nagix may give the checked UTC date where CNS gives the Korean one.
        if n["date"] not in (date, CHECKED_UTC_DATES.get(launch_id)):
            raise SystemExit(f"row order differs: CNS {date} vs nagix {n['date']}")
        cls = str(c["Missile Type"]).strip()
        row = {
            "launch_id": launch_id,
            "date_utc": CHECKED_UTC_DATES.get(launch_id, date),
            "date_cns": date,
            "time_utc": hhmm(c["Launch Time (UTC)"]),
            "missile_name": blank_if_unknown(c["Missile Name"]),
            "missile_class": "unknown" if cls.lower() == "unknown" else cls,
            "facility": blank_if_unknown(c["Facility Name"]),
            "apogee_km": km(c["Apogee"]),
            "distance_km": km(c["Distance Travelled"]),
            "outcome": str(c["Test Outcome"]).strip().lower(),
            "confirmation": str(c["Confirmation Status"]).strip().lower(),
            "classification_disputed": "true" if launch_id in DISPUTED_CLASSIFICATION else "false",
            "source_id": CNS_SOURCE,
            "check_source_id": "",
            "note": "",
        }
        notes = []
        diff = disagreements(row, n)
        if diff:
            notes.append("CNS and nagix differ: " + "; ".join(diff))
        raw_time = str(c["Launch Time (UTC)"]).strip()
        if re.fullmatch(r"\d{1,2}:\d\d:(?!00)\d\d [AP]M", raw_time):
            notes.append(f"CNS time has seconds ({raw_time}), shown to the minute")
        if row["apogee_km"] == "0" or row["distance_km"] == "0":
            notes.append("CNS records 0 km for a missile that failed at or just after launch")
        for column, raw in (("apogee_km", c["Apogee"]), ("distance_km", c["Distance Travelled"])):
            text = blank_if_unknown(raw)
            if text and row[column] == "":
                notes.append(f"CNS gives the {column.split('_')[0]} as '{text}', not one figure in km, so it is left empty")
        if row["facility"] == "":
            notes.append("CNS gives the facility as unknown")
        if row["missile_name"] == "":
            notes.append("CNS does not name the missile")
        if launch_id in MANUAL_NOTES:
            row["check_source_id"], manual = MANUAL_NOTES[launch_id]
            notes.append(manual)
        if launch_id in DISPUTED_CLASSIFICATION:
            dispute_source, dispute = DISPUTED_CLASSIFICATION[launch_id]
            row["check_source_id"] = row["check_source_id"] or dispute_source
            notes.append(dispute)
        row["note"] = ". ".join(notes) + ("." if notes else "")
        rows.append(row)
    for n in nag_after:
        year = n["date"][:4]
        per_year[year] = per_year.get(year, 0) + 1
        row = nagix_only_row(n, f"L{year}-{per_year[year]:02d}")
        notes = [f"After the end of the CNS copy ({cns_end}): from nagix only; CNS date and confirmation not available"]
        if row["time_utc"] == "":
            notes.append("nagix gives no launch time")
        if row["missile_name"] == "":
            notes.append("nagix does not name the missile")
        if row["launch_id"] in MANUAL_NOTES:
            row["check_source_id"], manual = MANUAL_NOTES[row["launch_id"]]
            notes.append(manual)
        row["note"] = ". ".join(notes) + "."
        rows.append(row)
    return rows


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    ref = Path(args[0]) if args else DEFAULT_REF
    rows = build(ref)
    if "--check" in argv:
        committed = list(csv.DictReader(OUT.open(encoding="utf-8")))
        bad = [r["launch_id"] for r, c in zip(rows, committed) if r != c]
        if bad or len(rows) != len(committed):
            print("differs from the committed CSV:", bad or f"{len(rows)} vs {len(committed)} rows")
            return 1
        print(f"{OUT.name} is current ({len(rows)} rows)")
        return 0
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {OUT} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
