"""Local clocks on the Korean peninsula, for turning UTC launch times into local dates.

Seoul keeps Korea Standard Time, UTC+9, throughout the course's period. Pyongyang did not:
North Korea set its clocks back 30 minutes to UTC+8:30 ("Pyongyang Time") from 15 August 2015
and returned to UTC+9 on 5 May 2018 (KCNA, source `kcnawatch-2018-05-05-reset-pyongyang-time-begins`).
These helpers take the offset in force at each moment from the IANA time-zone database
(zones ``Asia/Pyongyang`` and ``Asia/Seoul``, shipped with Python's ``tzdata``), so a launch
in 2017 is read on Pyongyang's UTC+8:30 clock and one in 2019 on UTC+9.

    from summitlab import timezones as tz
    tz.pyongyang_time("2017-11-28 18:18")     # 29 November 2017, 02:48 (UTC+8:30)
    tz.local_date(launches["date_utc"], launches["time_utc"], place="Pyongyang")
"""

from __future__ import annotations

import pandas as pd

ZONES = {"Pyongyang": "Asia/Pyongyang", "Seoul": "Asia/Seoul", "UTC": "UTC"}


def _zone(place: str) -> str:
    try:
        return ZONES[place]
    except KeyError:
        raise ValueError(f"place must be one of {sorted(ZONES)}, not {place!r}") from None


def _as_utc(when):
    """A naive time (or column of times) read as UTC, or an aware one converted to UTC."""
    if isinstance(when, pd.Series):
        values = pd.to_datetime(when)
        return values.dt.tz_localize("UTC") if values.dt.tz is None else values.dt.tz_convert("UTC")
    stamp = pd.Timestamp(when)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def local_time(when_utc, place: str = "Pyongyang"):
    """The wall-clock time in ``place`` ('Pyongyang', 'Seoul' or 'UTC') at a UTC moment.

    Accepts one time or a pandas Series; naive times are read as UTC.
    """
    utc = _as_utc(when_utc)
    zone = _zone(place)
    return utc.dt.tz_convert(zone) if isinstance(utc, pd.Series) else utc.tz_convert(zone)


def pyongyang_time(when_utc):
    """Pyongyang's wall-clock time at a UTC moment (UTC+8:30 from 15 Aug 2015 to 4 May 2018)."""
    return local_time(when_utc, "Pyongyang")


def seoul_time(when_utc):
    """Seoul's wall-clock time (Korea Standard Time, UTC+9) at a UTC moment."""
    return local_time(when_utc, "Seoul")


def utc_offset_hours(when_utc, place: str = "Pyongyang") -> float:
    """Hours ahead of UTC that the clock in ``place`` was at one UTC moment (9.0 or 8.5)."""
    return local_time(when_utc, place).utcoffset().total_seconds() / 3600


def local_date(date_utc, time_utc=None, place: str = "Pyongyang"):
    """Local calendar date (naive midnight Timestamp, or a Series of them) of UTC dates and times.

    ``date_utc`` is a date or a Series of dates; ``time_utc`` an 'HH:MM' string or a Series of
    them (empty or missing where no time is known). Where the time is missing the local date
    cannot be known (it may be the same day or the next), so the result is NaT.
    """
    if isinstance(date_utc, pd.Series):
        dates = pd.to_datetime(date_utc).dt.strftime("%Y-%m-%d")
        times = (pd.Series(time_utc, index=date_utc.index) if time_utc is not None
                 else pd.Series(pd.NA, index=date_utc.index)).astype("string")
        known = times.notna() & times.str.strip().ne("")
        moments = pd.to_datetime((dates + " " + times.where(known, "00:00")).astype(str))
        local = local_time(moments, place).dt.tz_localize(None).dt.normalize()
        return local.where(known)
    if time_utc is None or pd.isna(time_utc) or not str(time_utc).strip():
        return pd.NaT
    moment = pd.Timestamp(f"{pd.Timestamp(date_utc):%Y-%m-%d} {time_utc}")
    return local_time(moment, place).tz_localize(None).normalize()
