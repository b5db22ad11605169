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
REPORTS_OUT = ROOT / "data" / "launch_reports.csv"
FIRST_YEAR, LAST_YEAR = 2012, 2026
CNS_SOURCE = "cns-nk-missile-test-database"
NAGIX_SOURCE = "nagix-nk-missile-tests"

COLUMNS = ["launch_id", "date_utc", "date_cns", "time_utc", "missile_name", "missile_class", "facility",
           "apogee_km", "distance_km", "outcome", "confirmation", "classification_disputed", "source_id",
           "count_source_id", "check_source_id", "note"]

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
    "L2022-10": ("airandspaceforces-2022-03-10-north-korea-tested-new-icbm-system",
                 "Checked: the Pentagon said on 10 March 2022 that this launch (26 February, US date; 27 February KST) and that of "
                 "4 March involved a new ICBM system, without demonstrating ICBM range; the North called them tests for a "
                 "reconnaissance satellite. CNS, and so this table, leaves the class unknown"),
    "L2022-11": ("airandspaceforces-2022-03-10-north-korea-tested-new-icbm-system",
                 "Checked: the Pentagon said on 10 March 2022 that this launch (4 March, US date; 5 March KST) and that of "
                 "26 February involved a new ICBM system, without demonstrating ICBM range; the North called them tests for a "
                 "reconnaissance satellite. CNS, and so this table, leaves the class unknown"),
    "L2023-16": ("kazinform-kyodo-2023-04-14-north-korea-new-solid-fuel-icbm",
                 "Checked: the first solid-fuel ICBM (Hwasong-18), launched on 13 April KST (the CNS time, 22:22 UTC "
                 "on 12 April, is 07:22 KST on 13 April); JCS gave about 1,000 km, as CNS"),
    "L2019-23": ("koreaherald-2019-10-02-north-korea-fires-slbm",
                 "Checked: JCS gave 07:11 KST on 2 Oct (22:11 UTC on 1 Oct), about 450 km, about 910 km apogee; "
                 "the nagix time matches JCS, the CNS time is 22:00"),
}

# After the end of the CNS copy every launch event is checked against a second source.
# Key: (date_utc, time_utc) of the nagix launch group (or of an added launch); value:
# (check_source_id, note in our words). KST = UTC+9. The reported values that disagree are
# in data/launch_reports.csv, built by the same script from LAUNCH_REPORTS below.
CSIS_DB = "csis-beyond-parallel-nk-provocations-database"
JIJI_2023_09_13 = "nippon-2023-09-13-north-korea-fires-2-ballistic-missiles"
KBS_2024_04 = "kbs-2024-04-nk-hwasong-16b-test"
CHECKS_AFTER_CNS = {
    ("2023-05-30", "21:28"): (CSIS_DB, "Checked: CSIS Beyond Parallel lists the failed Chollima-1 satellite launch of 31 May KST"),
    ("2023-06-15", "10:24"): (CSIS_DB, "Checked: two SRBMs from Sunan between 19:25 and 19:37 KST; JCS about 780 km, Japan 850-900 km (the nagix figures), see launch_reports"),
    ("2023-06-15", "10:36"): (CSIS_DB, "Checked: two SRBMs from Sunan between 19:25 and 19:37 KST; JCS about 780 km, Japan 850-900 km (the nagix figures), see launch_reports"),
    ("2023-07-12", "00:59"): (CSIS_DB, "Checked: Hwasong-18 about 10:00 KST; JCS about 1,000 km on a lofted path"),
    ("2023-07-18", "18:29"): (CSIS_DB, "Checked: JCS two SRBMs 03:30-03:46 KST on 19 July, about 550 km each"),
    ("2023-07-18", "18:45"): (CSIS_DB, "Checked: JCS two SRBMs 03:30-03:46 KST on 19 July, about 550 km each (nagix 600 km for the second)"),
    ("2023-07-24", "14:54"): (CSIS_DB, "Checked: JCS two SRBMs 23:55 KST on 24 July and 00:00 on 25 July, about 400 km each (nagix 350 km for the first)"),
    ("2023-07-24", "14:59"): (CSIS_DB, "Checked: JCS two SRBMs 23:55 KST on 24 July and 00:00 on 25 July, about 400 km each"),
    ("2023-08-23", "18:50"): (CSIS_DB, "Checked: JCS satellite launch from Sohae about 03:50 KST on 24 August, judged a failure"),
    ("2023-08-30", "14:38"): (CSIS_DB, "Checked: JCS two SRBMs 23:40-23:50 KST, about 360 km each (nagix 350 km)"),
    ("2023-08-30", "14:46"): (CSIS_DB, "Checked: JCS two SRBMs 23:40-23:50 KST, about 360 km each (nagix 400 km)"),
    ("2023-09-13", "02:41"): ("nippon-2023-09-13-north-korea-fires-2-ballistic-missiles", "Checked: JCS two SRBMs from Sunan from about 11:40 KST, roughly 650 km each (Jiji; CSIS Beyond Parallel gives 11:43 and 11:53 KST). nagix has 350 km for this missile: the course takes JCS's 650 km, see launch_reports"),
    ("2023-09-13", "02:51"): ("nippon-2023-09-13-north-korea-fires-2-ballistic-missiles", "Checked: JCS two SRBMs from Sunan from about 11:40 KST, roughly 650 km each (Jiji), as nagix"),
    ("2023-11-21", "13:43"): ("spacepolicyonline-2023-11-21-north-korea-claims-satellite-launch", "Checked: Reuters, citing KCNA, put the launch of the Malligyong-1 satellite from Sohae at 22:42 KST on 21 November (13:42 UTC), as nagix within a minute; the Pentagon called it an 'attempted space launch' while amateur observers tracked two objects (SpacePolicyOnline). The CSIS provocations file has no row for it; the launch itself is also event E136 of the events table"),
    ("2023-11-22", "14:05"): ("dailymail-reuters-2023-11-22-north-korea-fires-ballistic-missile-failed", "Checked: the JCS said the North fired a ballistic missile from the Sunan area at 23:05 KST (14:05 UTC) that appeared to have failed (Reuters, citing Yonhap), as nagix. The CSIS provocations file has no row for it"),
    ("2023-12-17", "13:37"): (CSIS_DB, "Checked: JCS one SRBM from Pyongyang at 22:38 KST, about 570 km, as nagix"),
    ("2023-12-17", "23:24"): (CSIS_DB, "Checked: JCS Hwasong-18 ICBM at 08:24 KST on 18 December, lofted, about 1,000 km"),
    ("2024-01-14", "05:53"): (CSIS_DB, "Checked: solid-fuel IRBM with a hypersonic warhead from near Pyongyang at 14:55 KST, about 1,000 km"),
    ("2024-03-17", "22:44"): ("nippon-2024-03-18-north-korea-fires-3-ballistic-missiles", "Checked: Japan's defence ministry counted three SRBMs (two at 07:44 KST, one at 08:21), about 350 km, apogee about 50 km (Jiji). nagix has six, the number of rockets in the North's photographs: the course counts Seoul's or Tokyo's number, see launch_reports"),
    ("2024-03-17", "23:21"): ("nippon-2024-03-18-north-korea-fires-3-ballistic-missiles", "Checked: Japan's defence ministry counted three SRBMs (two at 07:44 KST, one at 08:21), about 350 km, apogee about 50 km (Jiji). nagix has six, the number of rockets in the North's photographs: the course counts Seoul's or Tokyo's number, see launch_reports"),
    ("2024-04-01", "21:52"): (KBS_2024_04, "Checked: JCS suspected IRBM from the Pyongyang area at 06:53 KST on 2 April, about 600 km; Japan about 650 km and 100 km apogee (AP); the North claimed 1,000 km and 101.1 km (KCNA via KBS). nagix has the North's 1,000 km: the course takes JCS's 600 km and keeps the apogee, see launch_reports"),
    ("2024-04-22", "06:00"): (CSIS_DB, "Checked: JCS several SRBMs at 15:01 KST, over 300 km; Japan multiple launches. JCS gave no number: the count of four is nagix's, whose source is not stated. nagix has 250 km: the course takes JCS's 300 km, a floor, see launch_reports"),
    ("2024-05-17", "06:10"): (CSIS_DB, "Added: missing from nagix. JCS detected several SRBMs from Wonsan at about 15:10 KST, about 300 km (KBS, the row's source; also Jiji and CSIS Beyond Parallel, the check). No source we found gives the number of missiles, so this one row stands for a launch of at least one missile and the 2024 total is a floor"),
    ("2024-05-27", "13:43"): (CSIS_DB, "Checked: satellite launch at about 22:44 KST that exploded in the first stage of flight. nagix leaves the rocket unnamed and its class unknown"),
    ("2024-05-29", "21:13"): ("kbs-2024-05-30-nk-fires-about-ten-srbms-sunan", "Checked: JCS about ten SRBMs (presumed KN-25) from Sunan at 06:14 KST on 30 May, about 350 km (KBS). nagix has 18, the North's own count: the course counts JCS's ten, see launch_reports"),
    ("2024-06-25", "20:28"): (CSIS_DB, "Checked: JCS one ballistic missile from the Pyongyang area about 05:30 KST on 26 June"),
    ("2024-06-30", "20:05"): (CSIS_DB, "Checked: the North reported a test of a new SRBM variant on 1 July KST; JCS judged one of the two flights abnormal"),
    ("2024-06-30", "20:15"): (CSIS_DB, "Checked: the North reported a test of a new SRBM variant on 1 July KST; JCS judged this shorter flight abnormal"),
    ("2024-09-11", "22:10"): (CSIS_DB, "Checked: JCS multiple SRBMs from the Pyongyang area at 07:10 KST on 12 September, about 360 km. JCS gave no number, and Japan's defence ministry said only that multiple missiles were fired between 07:10 and 07:14 KST, at least two of which flew over 350 km (arabnewsjp-2024-09-12-n-korea-fires-ballistic-missiles): the count of three is nagix's"),
    ("2024-09-11", "22:12"): (CSIS_DB, "Checked: JCS multiple SRBMs from the Pyongyang area at 07:10 KST on 12 September, about 360 km. JCS gave no number, and Japan's defence ministry said only that multiple missiles were fired between 07:10 and 07:14 KST, at least two of which flew over 350 km (arabnewsjp-2024-09-12-n-korea-fires-ballistic-missiles): the count of three is nagix's"),
    ("2024-09-11", "22:14"): (CSIS_DB, "Checked: JCS multiple SRBMs from the Pyongyang area at 07:10 KST on 12 September, about 360 km. JCS gave no number, and Japan's defence ministry said only that multiple missiles were fired between 07:10 and 07:14 KST, at least two of which flew over 350 km (arabnewsjp-2024-09-12-n-korea-fires-ballistic-missiles): the count of three is nagix's"),
    ("2024-09-17", "21:53"): ("nippon-2024-09-18-n-korea-fires-several-ballistic-missiles", "Checked: Japan's defence ministry reported launches at 06:53 and 07:23 KST; JCS several SRBMs from around Kaechon, about 400 km (Jiji)"),
    ("2024-09-17", "22:23"): ("nippon-2024-09-18-n-korea-fires-several-ballistic-missiles", "Checked: Japan's defence ministry reported launches at 06:53 and 07:23 KST; JCS several SRBMs from around Kaechon, about 400 km (Jiji)"),
    ("2024-10-30", "22:11"): ("chosun-2024-10-31-north-korea-icbm-86-minutes", "Checked: JCS gave about 07:10 KST on 31 October (22:10 UTC on 30 October) and Japan's defence "
                 "ministry 07:11, a flight of about 86 minutes and a possible altitude over 7,000 km (nagix 7,687 km); "
                 "about 1,000 km flown (koreaherald-2024-10-31-suspected-icbm-longest-flight), nagix 1,001 km"),
    ("2024-11-04", "22:30"): ("anews-2024-11-05-japan-at-least-seven-srbms", "Checked: Japan's defence minister Gen Nakatani said at least seven SRBMs, about 100 km apogee and 400 km range (Anadolu); JCS several, from near Sariwon about 07:30 KST on 5 November. nagix has one row: the course counts Tokyo's seven, a floor"),
    ("2025-01-06", "03:01"): (CSIS_DB, "Checked: JCS suspected hypersonic IRBM from the Pyongyang area about 12:00 KST, about 1,100 km, as nagix"),
    ("2025-01-14", "00:30"): (CSIS_DB, "Checked: JCS several SRBMs from the Kanggye area about 09:30 KST, about 250 km. The number was not given: the count of two is nagix's"),
    ("2025-03-10", "04:50"): (CSIS_DB, "Checked: JCS multiple close-range ballistic missiles from Hwangju at about 13:50 KST, 60-100 km into the Yellow Sea (nagix gives no distance). The number was not given: the count of two is nagix's"),
    ("2025-05-07", "23:10"): (CSIS_DB, "Checked: 600 mm rockets and a Hwasong-11A fired on 8 May KST from the Wonsan area; JCS several SRBMs of various types between 08:10 and 09:20 KST, 250-800 km (kbs-2025-05-08-jcs-nk-fires-multiple-srbms). JCS gave no number and Japan none we found: the count of three is nagix's"),
    ("2025-05-08", "00:20"): (CSIS_DB, "Checked: one missile, probably the Hwasong-11A, flew about 800 km with an apogee of about 100 km, as nagix. JCS gave no number for the launch (kbs-2025-05-08-jcs-nk-fires-multiple-srbms): the count of three is nagix's"),
    ("2025-10-21", "23:10"): (CSIS_DB, "Checked: JCS several SRBMs from Junghwa on 22 October KST, about 350 km to a target inland. The number was not given: the count of two is nagix's"),
    ("2025-11-07", "03:34"): ("turkiyetoday-2025-11-07-north-korea-fires-ballistic-missile", "Checked: JCS one SRBM from the Taegwan area at 12:35 KST, about 700 km (Turkiye Today; CSIS Beyond Parallel). nagix has 450 km: the course takes JCS's 700 km, see launch_reports"),
    ("2026-01-03", "22:54"): (CSIS_DB, "Checked: JCS several ballistic missiles about 07:50 KST on 4 January, about 900 km, altitude about 50 km, "
                              "and one more about 08:00 KST; JCS gave no number, Japan's defence ministry two (Chosun Biz): the count of "
                              "two is Tokyo's, see launch_reports. JCS did not name the type (CSIS Beyond Parallel: type unknown) and the "
                              "military presumed a short-range missile from the distance (Chosun Biz); the Asia Business Daily reported the "
                              "military's assessment that they were likely KN-23-series SRBMs, possibly Hwasong-11Ma hypersonic missiles "
                              "(asiae-2026-01-04-north-korea-several-ballistic-missiles-900-km); KCNA called them hypersonic missiles "
                              "that hit targets about 1,000 km away (straitstimes-2026-01-05-north-korea-test-fires-hypersonic-missiles). "
                              "The name Hwasong-11E and the class MRBM are nagix's: the table keeps them, and the South Korean "
                              "military's short-range class disagrees"),
    ("2026-01-03", "23:05"): (CSIS_DB, "Checked: JCS a further missile detected about 08:00 KST on 4 January, about 950 km, as nagix; JCS gave "
                              "no number for the launch, Japan's defence ministry two (Chosun Biz): the count of two is Tokyo's, see "
                              "launch_reports. The name Hwasong-11E and the class MRBM are nagix's: JCS did not name the type, and the "
                              "military presumed a short-range missile from the distance (Chosun Biz), likely of the KN-23 series, "
                              "possibly Hwasong-11Ma hypersonic missiles (asiae-2026-01-04-north-korea-several-ballistic-missiles-900-km)"),
    ("2026-01-27", "06:54"): ("koreaherald-2026-01-27-north-korea-fires-srbms", "Checked: JCS several SRBMs from north of Pyongyang about 15:50 KST, about 350 km (Korea Herald); Japan's coast guard reported two (tag24/AFP). The count of two is Tokyo's; CSIS Beyond Parallel's summary says five, see launch_reports"),
    ("2026-01-27", "07:02"): ("koreaherald-2026-01-27-north-korea-fires-srbms", "Checked: JCS several SRBMs from north of Pyongyang about 15:50 KST, about 350 km (Korea Herald); Japan's coast guard reported two (tag24/AFP). The count of two is Tokyo's; CSIS Beyond Parallel's summary says five, see launch_reports"),
    ("2026-03-14", "04:24"): (CSIS_DB, "Checked: JCS about ten SRBMs (KN-25) from the Sunan area at about 13:20 KST, about 350 km (CSIS Beyond Parallel; AP via mid-day). nagix has twelve, of unstated origin: the course counts JCS's ten, see launch_reports"),
    ("2026-04-07", ""): (CSIS_DB, "Checked: JCS a suspected ballistic missile from the Pyongyang area on 7 April that failed early in flight; no time given"),
    ("2026-04-07", "23:50"): (CSIS_DB, "Checked: JCS multiple SRBMs from the Wonsan area about 08:50 KST on 8 April, about 240 km. The number was not given: the count of two is nagix's"),
    ("2026-04-08", "05:23"): (CSIS_DB, "Checked: JCS a second launch at about 14:28 KST on 8 April, without further details in the CSIS "
                              "Beyond Parallel summary; the site (Wonsan), the time 14:23 KST, the 700 km and the 60 km apogee are nagix's"),
    ("2026-04-18", "21:10"): (CSIS_DB, "Checked: JCS multiple SRBMs from the Sinpo area about 06:10 KST on 19 April, about 140 km. The number was not given: the count of five is nagix's"),
    # After 18 April 2026, the last launch in nagix: launches added from the CSIS Beyond Parallel
    # file and news reports (December 2026). Cruise missiles and artillery rockets fired with them
    # are not rows (the table's scope, as in nagix and CNS).
    ("2026-05-26", "04:00"): (CSIS_DB, "Added: after the end of nagix. JCS detected multiple close-range ballistic missiles (under 300 km, so in the table's SRBM class) and artillery rockets fired toward the Yellow Sea from the Jongju area (CSIS: Chongju) at about 13:00 KST (Yonhap, the row's source); CSIS Beyond Parallel, the check, gives about 80 km. JCS gave no number and we found none from Tokyo, so this one row stands for a launch of at least one missile (a floor). KCNA described a tactical ballistic missile with a special-mission warhead tested with 240 mm guided rockets and AI-guided tactical cruise missiles; the rockets and cruise missiles are not rows"),
    ("2026-06-25", ""): ("ajupress-2026-06-26-kim-marks-korean-war-anniversary-weapons-tests", "Added: after the end of nagix. KCNA reported on 26 June a Hwasong-11D test overseen by Kim Jong Un on 25 June (Pyongyang date); Seoul gave no public sign that it detected the launch. The row's details come from the CSIS Beyond Parallel file, which summarises KCNA and an NK News analysis placing the launch on a beach in Ragwon County with two four-tube launchers. Second source (found in a second search, December 2026): AJP reported KCNA's account of tests on 25 June of a tactical ballistic missile, a 240 mm multiple rocket launcher and a 155 mm self-propelled howitzer; it does not name the missile, so the name Hwasong-11D and the site rest on the CSIS file alone. No source gives the time, so the UTC date may be 24 June if the launch came before 09:00 Pyongyang time; no source gives the number of missiles, so this one row is a floor. The 240 mm rockets and the gun-howitzer fired in the same test are not rows"),
    ("2026-08-06", "08:00"): ("", "Added: after the end of nagix. JCS one SRBM from the Wonsan area at about 17:00 KST; Japan also said it was a ballistic missile (CSIS Beyond Parallel, citing Reuters). No second source found in our search: the Reuters report the CSIS file cites could not be consulted when this entry was written (December 2026), nor in a second search that month"),
    ("2026-08-11", "21:00"): ("", "Added: after the end of nagix. JCS one ballistic missile from the Wonsan area at about 06:00 KST on 12 August (21:00 UTC on 11 August), about 700 km by South Korea's and Japan's estimates; JCS did not name the type, so the class is unknown (CSIS Beyond Parallel, citing Reuters). The CSIS file lists the launch under short-range ballistic missile launches although its own summary says JCS did not identify the type and quotes an analyst for whom it could have been a hypersonic missile, or else a submarine-launched one: the table keeps the class unknown. No second source found in our search (a second search in December 2026 found none either)"),
    ("2026-08-20", "08:00"): ("", "Added: after the end of nagix. JCS about ten SRBMs from the Pyongyang area at about 17:00 KST; Japan's defence ministry about 320 km and a peak of about 90 km, outside Japan's EEZ (CSIS Beyond Parallel, citing Reuters); JCS gave no distance in that summary, so the figures are Tokyo's. No second source found in our search (a second search in December 2026 found none either)"),
}

# Counts and figures after the CNS copy that the course takes from Seoul or Tokyo instead of
# nagix. Rule: a launch group has as many rows as South Korea's JCS counted; if JCS gave no
# number, as many as Japan's defence ministry counted; if neither did, as many as nagix has.
# key (date_utc, time_utc) -> (rows, count_source_id).
COUNTS_AFTER_CNS = {
    ("2024-03-17", "22:44"): (2, "nippon-2024-03-18-north-korea-fires-3-ballistic-missiles"),
    ("2024-03-17", "23:21"): (1, "nippon-2024-03-18-north-korea-fires-3-ballistic-missiles"),
    ("2024-05-17", "06:10"): (1, "kbs-2024-05-17-nk-fires-several-srbms-wonsan"),
    ("2024-05-29", "21:13"): (10, "kbs-2024-05-30-nk-fires-about-ten-srbms-sunan"),
    ("2024-09-17", "21:53"): (1, "nippon-2024-09-18-n-korea-fires-several-ballistic-missiles"),
    ("2024-09-17", "22:23"): (1, "nippon-2024-09-18-n-korea-fires-several-ballistic-missiles"),
    ("2024-11-04", "22:30"): (7, "anews-2024-11-05-japan-at-least-seven-srbms"),
    ("2026-01-03", "22:54"): (1, "chosunbiz-2026-01-04-north-korea-fires-ballistic-missile-east-sea"),
    ("2026-01-03", "23:05"): (1, "chosunbiz-2026-01-04-north-korea-fires-ballistic-missile-east-sea"),
    ("2026-01-27", "06:54"): (1, "tag24-2026-01-27-north-korea-fires-salvo-after-pentagon-visit"),
    ("2026-01-27", "07:02"): (1, "tag24-2026-01-27-north-korea-fires-salvo-after-pentagon-visit"),
    ("2026-03-14", "04:24"): (10, CSIS_DB),
    ("2026-05-26", "04:00"): (1, "yonhap-2026-05-27-nk-tests-lightweight-launcher-tactical-cruise-missiles"),
    ("2026-06-25", ""): (1, CSIS_DB),
    ("2026-08-06", "08:00"): (1, CSIS_DB),
    ("2026-08-11", "21:00"): (1, CSIS_DB),
    ("2026-08-20", "08:00"): (10, CSIS_DB),
}
# Distances where nagix gives the North's figure or one of unstated origin and JCS said otherwise:
# the course takes JCS's figure (key -> km); the other values are in launch_reports.
DISTANCES_AFTER_CNS = {("2023-09-13", "02:41"): "650", ("2024-04-01", "21:52"): "600", ("2024-04-22", "06:00"): "300",
                       ("2025-11-07", "03:34"): "700"}
# What each side reported where the sources disagree on a count or a figure (data/launch_reports.csv):
# (launch date_utc, time_utc of the group, reporter, measure, value, value_high, qualifier,
#  counted, source_id, note). counted = true marks the value the course's table uses.
LAUNCH_REPORTS = [
    ("2023-06-15", "10:24", "South Korea (JCS)", "distance_km", "780", "", "about", "false", CSIS_DB, "Both missiles"),
    ("2023-06-15", "10:24", "Japan (Ministry of Defense)", "distance_km", "850", "900", "about", "true", CSIS_DB, "The two figures are nagix's distances for the two missiles"),
    ("2023-09-13", "02:41", "South Korea (JCS)", "distance_km", "650", "", "about", "true", JIJI_2023_09_13, "Each of the two missiles"),
    ("2023-09-13", "02:41", "nagix (origin not stated)", "distance_km", "350", "", "exact", "false", NAGIX_SOURCE, "First missile only; nagix gives 650 km for the second"),
    ("2024-03-17", "22:44", "Japan (Ministry of Defense)", "missiles", "3", "", "exact", "true", "nippon-2024-03-18-north-korea-fires-3-ballistic-missiles", "Two at 07:44 KST and one at 08:21 KST"),
    ("2024-03-17", "22:44", "North Korea (KCNA photographs)", "missiles", "6", "", "exact", "false", "kbs-2024-03-19-kim-oversees-super-large-mlrs-drill", "KCNA's photographs showed six rockets fired at once (KBS); nagix has six rows"),
    ("2024-04-01", "21:52", "South Korea (JCS)", "distance_km", "600", "", "about", "true", KBS_2024_04, ""),
    ("2024-04-01", "21:52", "Japan (Ministry of Defense)", "distance_km", "650", "", "about", "false", "journalnews-ap-2024-04-02-north-korea-fires-irbm", ""),
    ("2024-04-01", "21:52", "North Korea (KCNA)", "distance_km", "1000", "", "exact", "false", KBS_2024_04, "The North's figure, which nagix gives"),
    ("2024-04-01", "21:52", "Japan (Ministry of Defense)", "apogee_km", "100", "", "about", "false", "journalnews-ap-2024-04-02-north-korea-fires-irbm", ""),
    ("2024-04-01", "21:52", "North Korea (KCNA)", "apogee_km", "101.1", "", "exact", "true", KBS_2024_04, "First peak; KCNA gave a second peak of 72.3 km. nagix has 101 km, which the table keeps because JCS gave no apogee"),
    ("2024-05-17", "06:10", "South Korea (JCS)", "missiles", "", "", "several", "false", "kbs-2024-05-17-nk-fires-several-srbms-wonsan", "No number given: the table has one row, a floor"),
    ("2024-05-17", "06:10", "South Korea (JCS)", "distance_km", "300", "", "about", "true", "kbs-2024-05-17-nk-fires-several-srbms-wonsan", ""),
    ("2024-05-29", "21:13", "South Korea (JCS)", "missiles", "10", "", "about", "true", "kbs-2024-05-30-nk-fires-about-ten-srbms-sunan", ""),
    ("2024-05-29", "21:13", "North Korea (state media)", "missiles", "18", "", "exact", "false", CSIS_DB, "The North's count of rockets fired at once, as the CSIS Beyond Parallel file reports state media; nagix has 18 rows"),
    ("2024-11-04", "22:30", "Japan (Ministry of Defense)", "missiles", "7", "", "at least", "true", "anews-2024-11-05-japan-at-least-seven-srbms", "Defence minister Gen Nakatani"),
    ("2024-11-04", "22:30", "South Korea (JCS)", "missiles", "", "", "several", "false", "saitama-kyodo-2024-11-05-seven-srbms", "No number given"),
    ("2024-11-04", "22:30", "nagix (origin not stated)", "missiles", "1", "", "exact", "false", NAGIX_SOURCE, "One row"),
    ("2024-04-22", "06:00", "South Korea (JCS)", "distance_km", "300", "", "at least", "true", CSIS_DB, "'Over 300 km'"),
    ("2024-04-22", "06:00", "nagix (origin not stated)", "distance_km", "250", "", "exact", "false", NAGIX_SOURCE, "All four rows"),
    ("2025-11-07", "03:34", "South Korea (JCS)", "distance_km", "700", "", "about", "true", "turkiyetoday-2025-11-07-north-korea-fires-ballistic-missile", ""),
    ("2025-11-07", "03:34", "nagix (origin not stated)", "distance_km", "450", "", "exact", "false", NAGIX_SOURCE, ""),
    ("2026-01-03", "22:54", "South Korea (JCS)", "missiles", "", "", "several", "false", CSIS_DB, "Several about 07:50 KST and one more about 08:00 KST, no number given"),
    ("2026-01-03", "22:54", "Japan (Ministry of Defense)", "missiles", "2", "", "exact", "true", "chosunbiz-2026-01-04-north-korea-fires-ballistic-missile-east-sea", "Two objects believed to be ballistic missiles, as nagix"),
    ("2026-01-27", "06:54", "South Korea (JCS)", "missiles", "", "", "several", "false", "koreaherald-2026-01-27-north-korea-fires-srbms", "No number given"),
    ("2026-01-27", "06:54", "Japan (coast guard, citing the defence ministry)", "missiles", "2", "", "exact", "true", "tag24-2026-01-27-north-korea-fires-salvo-after-pentagon-visit", "As nagix"),
    ("2026-01-27", "06:54", "CSIS Beyond Parallel (summary)", "missiles", "5", "", "exact", "false", CSIS_DB, "Five missiles in two rounds, without saying whose count; we found no JCS statement with a number"),
    ("2026-03-14", "04:24", "South Korea (JCS)", "missiles", "10", "", "about", "true", CSIS_DB, "Also AP (mid-day) and the pano.news summary of AP and Reuters"),
    ("2026-03-14", "04:24", "nagix (origin not stated)", "missiles", "12", "", "exact", "false", NAGIX_SOURCE, "Twelve rows; nagix does not say whose count"),
    ("2026-03-14", "04:24", "South Korea (JCS)", "distance_km", "350", "", "about", "false", CSIS_DB, "nagix has 340 km, which the table keeps (within JCS's 'roughly')"),
    ("2026-05-26", "04:00", "South Korea (JCS)", "missiles", "", "", "several", "false", "yonhap-2026-05-27-nk-tests-lightweight-launcher-tactical-cruise-missiles", "Multiple close-range ballistic missiles, no number: the table has one row, a floor"),
    ("2026-08-20", "08:00", "South Korea (JCS)", "missiles", "10", "", "about", "true", CSIS_DB, "As summarised by CSIS Beyond Parallel, citing Reuters"),
]
REPORT_COLUMNS = ["report_id", "launch_date_utc", "launch_time_utc", "launch_ids", "reporter", "measure", "value",
                  "value_high", "qualifier", "counted", "source_id", "note"]


def launch_reports(rows):
    """The LAUNCH_REPORTS rows, each with the launch_ids of its launch group."""
    out = []
    for i, (date, time, *rest) in enumerate(LAUNCH_REPORTS, start=1):
        group = [r for r in rows if (r["date_utc"], r["time_utc"]) == (date, time)]
        if not group:
            raise SystemExit(f"report for {date} {time} matches no launch")
        # the whole launch event: every row of that UTC date from the same site
        ids = [r["launch_id"] for r in rows if (r["date_utc"], r["facility"]) == (date, group[0]["facility"])]
        out.append(dict(zip(REPORT_COLUMNS, [f"R{i:03d}", date, time, "; ".join(ids), *rest])))
    return out


# A launch that nagix lacks (a second source found it), in nagix's field names.
ADDED_LAUNCHES = [
    {"date": "2024-05-17", "time": "06:10", "missile_name": "Unknown", "missile_class": "SRBM", "facility": "Wonsan",
     "apogee": "", "distance": "300", "outcome": "unknown"},
    # After 18 April 2026, where nagix ends (December 2026). Times are the JCS's "about" times
    # converted from KST (UTC+9); empty fields are ones no source we read gives.
    {"date": "2026-05-26", "time": "04:00", "missile_name": "Unknown", "missile_class": "SRBM", "facility": "Jongju",
     "apogee": "", "distance": "80", "outcome": "unknown"},
    {"date": "2026-06-25", "time": "", "missile_name": "Hwasong-11D", "missile_class": "SRBM", "facility": "Ragwon County",
     "apogee": "", "distance": "", "outcome": "unknown"},
    {"date": "2026-08-06", "time": "08:00", "missile_name": "Unknown", "missile_class": "SRBM", "facility": "Wonsan",
     "apogee": "", "distance": "", "outcome": "unknown"},
    {"date": "2026-08-11", "time": "21:00", "missile_name": "Unknown", "missile_class": "Unknown", "facility": "Wonsan",
     "apogee": "", "distance": "700", "outcome": "unknown"},
    {"date": "2026-08-20", "time": "08:00", "missile_name": "Unknown", "missile_class": "SRBM", "facility": "Pyongyang area",
     "apogee": "90", "distance": "320", "outcome": "unknown"},
]

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
        "count_source_id": NAGIX_SOURCE,
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
            "count_source_id": CNS_SOURCE,
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
    for n in after_cns(nag_after):
        year = n["date"][:4]
        per_year[year] = per_year.get(year, 0) + 1
        row = nagix_only_row(n, f"L{year}-{per_year[year]:02d}")
        key = (n["date"], n["time"])
        if n.get("added"):
            row["source_id"] = COUNTS_AFTER_CNS[key][1]
            notes = [f"After the end of the CNS copy ({cns_end}): not in nagix; CNS date and confirmation not available"]
        else:
            notes = [f"After the end of the CNS copy ({cns_end}): from nagix only; CNS date and confirmation not available"]
        row["count_source_id"] = COUNTS_AFTER_CNS.get(key, (0, row["source_id"]))[1]
        if key in DISTANCES_AFTER_CNS:
            row["distance_km"] = DISTANCES_AFTER_CNS[key]
        if row["time_utc"] == "":
            notes.append("nagix gives no launch time" if not n.get("added") else "No source gives the launch time")
        if row["missile_name"] == "":
            notes.append("nagix does not name the missile" if not n.get("added") else "No source names the missile")
        row["check_source_id"], manual = CHECKS_AFTER_CNS[key]
        notes.append(manual)
        row["note"] = ". ".join(notes) + "."
        rows.append(row)
    return rows


def after_cns(nag_after):
    """nagix's launches after the CNS copy, with the hand-checked counts and the added launches.

    Each (date, time) group keeps as many rows as COUNTS_AFTER_CNS says (dropping or repeating
    nagix's row); launches in ADDED_LAUNCHES are put in date and time order."""
    groups = {}
    for n in nag_after + [dict(a, added=True) for a in ADDED_LAUNCHES]:
        groups.setdefault((n["date"], n["time"]), []).append(n)
    missing = set(groups) - set(CHECKS_AFTER_CNS)
    if missing:
        raise SystemExit(f"launch groups after the CNS copy without a check: {sorted(missing)}")
    out = []
    for key in sorted(groups):  # nagix order: by date, a launch with no time first
        group = groups[key]
        size = COUNTS_AFTER_CNS.get(key, (len(group), None))[0]
        out += [group[i] if i < len(group) else dict(group[-1]) for i in range(size)]
    return out


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    ref = Path(args[0]) if args else DEFAULT_REF
    rows = build(ref)
    reports = launch_reports(rows)
    if "--check" in argv:
        status = 0
        for path, built in ((OUT, rows), (REPORTS_OUT, reports)):
            committed = list(csv.DictReader(path.open(encoding="utf-8")))
            bad = [r[next(iter(r))] for r, c in zip(built, committed) if r != c]
            if bad or len(built) != len(committed):
                print(f"{path.name} differs from the committed CSV:", bad or f"{len(built)} vs {len(committed)} rows")
                status = 1
            else:
                print(f"{path.name} is current ({len(built)} rows)")
        return status
    for path, columns, built in ((OUT, COLUMNS, rows), (REPORTS_OUT, REPORT_COLUMNS, reports)):
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(built)
        print(f"wrote {path} ({len(built)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
