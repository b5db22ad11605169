"""Facts corrected in issue 15, pinned so that they cannot silently drift back.

Each expected value comes from a checked source named in the test, not from the code.
"""

import re

import pandas as pd
import pytest

import summitlab as sl


@pytest.fixture(scope="module")
def contacts():
    return sl.load("negotiation_contacts")


def test_singapore_summit_was_called_off_and_reinstated(contacts):
    # Trump's letter of 24 May 2018 (cbsnews-2018-05-24-trump-cancels-summit); back on 1 June
    # (washingtonpost-2018-06-01-summit-back-on)
    summits = contacts.query("channel == 'leader summit'").set_index("contact_id")
    off = summits.loc["2018-05-24-singapore-summit-called-off"]
    assert off["happened"] == "cancelled" and off["cancelled_by"] == "US"
    assert off["date"] == pd.Timestamp("2018-05-24")
    back = summits.loc["2018-06-01-singapore-summit-reinstated"]
    assert back["date"] == pd.Timestamp("2018-06-01") and back["happened"] == "announced"
    assert summits.loc["2018-06-12-singapore-summit", "happened"] == "held"


def test_called_off_sides_are_coded_only_where_sourced(contacts):
    called_off = contacts[contacts["happened"].isin(["cancelled", "postponed", "refused"])]
    coded = called_off.dropna(subset=["cancelled_by"]).set_index("contact_id")["cancelled_by"]
    # Pompeo, 24 May 2018: no response to requests for preparation teams (politico-2018-05-24-...)
    assert coded["2018-05-24-preparation-teams-no-response"] == "DPRK"
    # The DPRK did not come to the remains talks of 12 July 2018 (kbs-2018-07-13; Washington Post)
    assert coded["2018-07-12-remains-talks-no-show"] == "DPRK"
    # Pompeo's Pyongyang trip of August 2018: Trump's tweet (time-ap-2018-08-24-...)
    assert coded["2018-08-24-pompeo-trip-cancelled"] == "US"
    # the November 2018 New York postponement has no side in any source checked
    assert "2018-11-08-pompeo-kim-yong-chol-new-york" not in coded.index


def test_logistics_meetings_are_flagged(contacts):
    period = contacts[contacts["date"] <= "2019-10-31"]   # the span the flags were checked for
    flagged = set(period.loc[period["logistics_only"], "contact_id"])
    assert flagged == {"2018-05-30-hagin-singapore-logistics", "2019-06-29-biegun-tongilgak-preparation"}
    assert not contacts.loc[contacts["channel"] == "leader letter", "logistics_only"].any()


def test_17_april_2019_classification_is_disputed_not_dropped():
    launches = sl.load("missile_launches").set_index("launch_id")
    row = launches.loc["L2019-01"]
    assert row["date_utc"] == pd.Timestamp("2019-04-17") and bool(row["classification_disputed"])
    assert row["check_source_id"] == "thehill-2019-04-18-shanahan-not-ballistic-missile"
    # the first undisputed launches after Hanoi (28 February 2019) were on 4 May 2019 (UTC)
    after = launches[(launches["date_utc"] > "2019-02-28") & ~launches["classification_disputed"]]
    assert after["date_utc"].min() == pd.Timestamp("2019-05-04")
    in_period = launches[launches["date_utc"] <= "2019-12-31"]
    assert int(in_period["classification_disputed"].sum()) == 1


def test_17_april_event_shows_the_disagreement():
    events = sl.load("events").set_index("event_id")
    row = events.loc["E101"]
    assert row["date"] == pd.Timestamp("2019-04-17")
    assert "not a ballistic missile" in row["summary"] and "CNS" in row["summary"]


def test_olympic_drills_postponement_is_in_events():
    # Blue House briefing and Reuters, 4 January 2018
    row = sl.load("events").set_index("event_id").loc["E100"]
    assert row["date"] == pd.Timestamp("2018-01-04") and row["event_type"] == "exercise change"


def test_singapore_event_and_commitments_agree():
    summary = sl.load("events").set_index("event_id").loc["E046", "summary"]
    singapore = sl.load("commitments").query("agreement_id == 'singapore-2018'")
    numbered = singapore["position"].str.fullmatch(r"\d+").sum()
    words = {"four": 4, "eight": 8}
    stated = [words[w] for w in re.findall(r"\b(four|eight) numbered points", summary)]
    assert stated == [numbered]
    assert "four commitments" not in summary


def test_forecasts_say_which_rows_are_expectations_made_before_the_outcome():
    forecasts = sl.load("forecasts").set_index("forecast_id")
    excluded = set(forecasts.index[~forecasts["expectation_before_outcome"]])
    # C02 is a published schedule; C04 and C05 relay a promise after the summit, and lesson 07's
    # H07-H09 re-read C05 at longer horizons.
    assert excluded == {"C02", "C04", "C05", "H07", "H08", "H09"}


def test_seoul_statements_added():
    statements = sl.load("statements").set_index("statement_id")
    assert statements.loc["S054", "date"] == pd.Timestamp("2018-03-08")
    assert statements.loc["S055", "speaker"].startswith("Moon Jae-in")
    assert (statements.loc[["S054", "S055", "S056"], "party"] == "ROK").all()


def test_sanctions_table_has_ten_resolutions_not_ris_eleven():
    # Ri Yong Ho counted 11 resolutions (hanoitimes-2019-03-01-...); the table leaves out 1695
    resolutions = sl.load("sanctions_resolutions")
    assert len(resolutions[resolutions["date"] <= "2019-02-28"]) == 10   # in force at Hanoi


def test_2017_launch_months():
    launches = sl.load("missile_launches")
    months = launches.loc[launches["date_utc"].dt.year == 2017, "date_utc"].dt.month.nunique()
    assert months == 8   # fact-check of 2026-12-01 against CNS: launches in 8 of 12 months


def test_lesson_06_keypoint_on_2017_and_2019_launches():
    """Keypoint: more missiles in 2019 than 2017, all shorter than 2017's longest; no ICBM or test."""
    launches = sl.load("missile_launches")
    year = launches["date_utc"].dt.year
    assert (year == 2019).sum() > (year == 2017).sum()
    assert launches.loc[year == 2019, "distance_km"].max() < launches.loc[year == 2017, "distance_km"].max()
    assert not launches.loc[year.between(2018, 2019), "missile_class"].isin(["ICBM", "IRBM"]).any()
    assert (sl.load("nuclear_tests")["date_local"].dt.year >= 2018).sum() == 0


def test_lesson_01_discussion_dates_of_the_hwasong_15():
    """Discussion question 1: 28 November 2017 in UTC, 29 November on Pyongyang's clock."""
    from summitlab import timezones as tz
    row = sl.load("missile_launches").set_index("launch_id").loc["L2017-21"]
    assert row["missile_name"] == "Hwasong-15" and row["date_utc"] == pd.Timestamp("2017-11-28")
    assert tz.local_date(row["date_utc"], row["time_utc"], "Pyongyang") == pd.Timestamp("2017-11-29")


def test_lesson_03_keypoint_on_the_leaders_channel(contacts):
    """Keypoint: no letter called off; one summit called off and reinstated; no 2018 launches."""
    period = contacts[contacts["date"] <= "2019-10-31"]   # the lesson's span, March 2018 - October 2019
    off = period[period["happened"].isin(["cancelled", "postponed", "refused"])]
    assert not (off["channel"] == "leader letter").any()
    assert (off["channel"] == "leader summit").sum() == 1
    assert (sl.load("missile_launches")["date_utc"].dt.year == 2018).sum() == 0
