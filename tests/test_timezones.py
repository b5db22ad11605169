"""The peninsula's clocks: Pyongyang ran at UTC+8:30 from 15 August 2015 to 5 May 2018.

Expected values come from the sources, not from the code: KCNA (kcnawatch-2018-05-05-reset-
pyongyang-time-begins) says 00:00 on 5 May 2018 Pyongyang time began at 23:30 on 4 May by the
old clock, i.e. at 15:00 UTC; the 2015 change took effect on 15 August 2015 (the 70th
anniversary of liberation, theindianawaaz-2018-05-06-north-korea-resets-clocks).
"""

import re
from pathlib import Path

import pandas as pd
import pytest

from summitlab import timezones as tz

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("utc, hours", [
    ("2015-08-13 12:00", 9.0),    # before Pyongyang Time
    ("2015-08-15 12:00", 8.5),    # first day of Pyongyang Time
    ("2017-11-28 18:18", 8.5),    # the Hwasong-15 launch
    ("2018-05-04 14:59", 8.5),    # one minute before the reset (23:29 on the old clock)
    ("2018-05-04 15:00", 9.0),    # the reset: 00:00 on 5 May
    ("2019-05-04 00:06", 9.0),
])
def test_pyongyang_offset_in_force(utc, hours):
    assert tz.utc_offset_hours(utc, "Pyongyang") == hours


@pytest.mark.parametrize("utc", ["2015-08-15 12:00", "2017-11-28 18:18", "2018-05-04 14:59"])
def test_seoul_stays_at_utc_plus_nine(utc):
    assert tz.utc_offset_hours(utc, "Seoul") == 9.0


def test_reset_moment_reads_as_midnight_of_5_may():
    assert tz.pyongyang_time("2018-05-04 15:00").strftime("%Y-%m-%d %H:%M") == "2018-05-05 00:00"
    assert tz.pyongyang_time("2018-05-04 14:59").strftime("%Y-%m-%d %H:%M") == "2018-05-04 23:29"


def test_local_date_crosses_midnight_only_by_the_clock_in_force():
    # 15:10 UTC is 23:40 at UTC+8:30 but 00:10 next day at UTC+9
    assert tz.local_date("2017-03-01", "15:10", "Pyongyang") == pd.Timestamp("2017-03-01")
    assert tz.local_date("2017-03-01", "15:10", "Seoul") == pd.Timestamp("2017-03-02")
    assert tz.local_date("2019-03-01", "15:10", "Pyongyang") == pd.Timestamp("2019-03-02")


def test_local_date_of_a_series_and_unknown_times():
    dates = pd.Series(pd.to_datetime(["2017-11-28", "2019-04-17", "2019-05-04"]))
    times = pd.Series(["18:18", None, "00:06"])
    out = tz.local_date(dates, times, "Pyongyang")
    assert out.iloc[0] == pd.Timestamp("2017-11-29")
    assert pd.isna(out.iloc[1])
    assert out.iloc[2] == pd.Timestamp("2019-05-04")
    assert pd.isna(tz.local_date("2019-04-17", None))


def test_unknown_place_is_refused():
    with pytest.raises(ValueError):
        tz.local_time("2018-01-01", "Tokyo")


def test_no_lesson_or_exercise_adds_a_fixed_nine_hours():
    """Local dates come from summitlab.timezones, which knows the offset in force on the day."""
    fixed = re.compile(r"Timedelta\(\s*hours\s*=\s*9")
    sources = [*ROOT.glob("notebooks/source/*.py"), *ROOT.glob("exercises/source/*.py")]
    offenders = [p.name for p in sources if fixed.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
