"""The 2020-2026 rows (lesson 07): the change of compiler, the longer forecast horizons, SIPRI's
change of definition, each checked against another table or against the rows they extend."""

import pandas as pd

import summitlab as sl


def test_rows_after_the_cns_copy_come_from_nagix_and_say_so():
    launches = sl.load("missile_launches")
    cns = launches["source_id"] == "cns-nk-missile-test-database"
    cns_end = launches.loc[cns, "date_utc"].max()
    later = launches[launches["date_utc"] > cns_end]
    assert len(later) > 0
    from_nagix = later["source_id"] == "nagix-nk-missile-tests"
    nagix_end = later.loc[from_nagix, "date_utc"].max()
    # While nagix runs, it is the source of nearly every row; after its last launch, of none.
    assert from_nagix[later["date_utc"] <= nagix_end].mean() > 0.9
    assert not from_nagix[later["date_utc"] > nagix_end].any()
    assert later["date_cns"].isna().all() and later["confirmation"].isna().all()
    assert later.loc[from_nagix, "note"].str.contains("from nagix only").all()
    # A launch added from another source says that nagix lacks it.
    assert later.loc[~from_nagix, "note"].str.contains("not in nagix").all()
    # Rows that CNS gives keep both CNS columns.
    assert launches.loc[cns, "date_cns"].notna().all() and launches.loc[cns, "confirmation"].notna().all()


def test_launch_ids_number_the_missiles_of_each_year_in_order():
    launches = sl.load("missile_launches")
    year = launches["date_cns"].fillna(launches["date_utc"]).dt.year.astype(str)
    assert (launches["launch_id"].str[1:5] == year).all()
    numbers = launches["launch_id"].str[-2:].astype(int)
    for _, group in numbers.groupby(year):
        assert list(group) == list(range(1, len(group) + 1))


def test_longer_horizons_reuse_the_original_statement_and_coding():
    forecasts = sl.load("forecasts")
    is_later = forecasts["forecast_id"].str.startswith("H")
    later, original = forecasts[is_later], forecasts[~is_later]
    assert len(later) >= 6
    assert (later["stated_date"] < later["resolution_date"]).all()
    keys = ["forecaster", "stance", "stated_date", "probability", "source_id"]
    known = set(map(tuple, original[keys].astype(str).to_numpy()))
    assert set(map(tuple, later[keys].astype(str).to_numpy())) <= known


def test_no_nuclear_test_or_icbm_outcomes_match_the_launch_and_test_tables():
    forecasts = sl.load("forecasts")
    launches, tests = sl.load("missile_launches"), sl.load("nuclear_tests")
    icbm_days = launches.loc[launches["missile_class"] == "ICBM", "date_utc"]
    rows = forecasts[forecasts["question"].str.contains("nuclear test or launch an ICBM")]
    assert len(rows) >= 3
    start = pd.Timestamp("2019-03-01")
    for row in rows.itertuples():
        happened = (icbm_days.between(start, row.resolution_date).any()
                    or tests["date_local"].between(start, row.resolution_date).any())
        assert bool(row.outcome) == happened, row.forecast_id


def test_sipri_rows_from_2022_are_flagged_as_a_change_of_definition():
    estimates = sl.load("stockpile_estimates")
    sipri = estimates[estimates["estimator"] == "SIPRI Yearbook"]
    first_assembled = sipri[(sipri["as_of"] == "2022-01-01") & (sipri["quantity"] == "warheads")]
    assert len(first_assembled) == 1
    assert first_assembled["note"].str.contains("assembled").all()
    before = sipri[sipri["as_of"].between("2020-01-01", "2021-12-31")]
    assert len(before) > 0 and before["note"].str.contains("fissile material").all()


def test_after_stockholm_channels_were_used_but_no_negotiation_was_held():
    """The audit's correction: letters and messages reached Pyongyang after October 2019, no meeting took place."""
    contacts = sl.load("negotiation_contacts")
    later = contacts[contacts["date"] > "2019-10-05"]
    meetings = later[later["contact_type"] == "meeting"]
    assert len(meetings) > 0 and not (meetings["happened"] == "held").any()
    reached = later[(later["contact_type"] == "letter or message") & later["happened"].isin(["held", "announced"])]
    assert 2020 in set(reached["date"].dt.year)
    unanswered = later[later["happened"].isin(["no response", "refused"])]
    assert {2021, 2025} <= set(unanswered["date"].dt.year) and (unanswered["initiated_by"] == "US").all()
    # Every meeting held before that is a negotiation or a logistics meeting, never a letter.
    held = contacts[(contacts["happened"] == "held") & (contacts["contact_type"] == "meeting")]
    assert held["channel"].isin(["leader summit", "ministerial", "envoy or working level"]).all()


def test_every_launch_after_the_cns_copy_names_a_second_source_or_says_why_not():
    launches = sl.load("missile_launches")
    later = launches[launches["source_id"] != "cns-nk-missile-test-database"]
    later = later[later["date_utc"] > "2023-04-12"]
    checked = later["check_source_id"].notna()
    # While nagix runs (to 18 April 2026) nearly every launch has a second source; the launches
    # added after it often rest on one compiler's summary, and each says so.
    nagix_end = later.loc[later["source_id"] == "nagix-nk-missile-tests", "date_utc"].max()
    assert checked[later["date_utc"] <= nagix_end].mean() > 0.9
    assert later.loc[~checked, "note"].str.contains("No second source found").all()
    assert (later.loc[checked, "check_source_id"] != later.loc[checked, "source_id"]).all()


def test_launch_counts_follow_the_counted_reports():
    """Where launch_reports marks a count as the one used, the event has that many rows."""
    launches = sl.load("missile_launches").set_index("launch_id")
    reports = sl.load("launch_reports")
    counts = reports[(reports["measure"] == "missiles") & reports["counted"]]
    assert len(counts) >= 4
    for row in counts.itertuples():
        ids = row.launch_ids.split("; ")
        assert len(ids) == int(row.value), row.report_id
        assert (launches.loc[ids, "count_source_id"] == row.source_id).all(), row.report_id
    # Each reported value that disagrees has exactly one counted value per launch and measure.
    per = reports.groupby(["launch_ids", "measure"])["counted"].sum()
    assert (per <= 1).all()


def test_audited_launch_corrections():
    """The December 2026 audit: 17 May 2024 added, 5 Nov 2024 seven rows, JCS ranges and counts."""
    launches = sl.load("missile_launches")
    on = lambda day: launches[launches["date_utc"] == day]  # noqa: E731
    assert len(on("2024-05-17")) == 1 and on("2024-05-17")["facility"].eq("Wonsan").all()
    assert len(on("2024-11-04")) == 7
    assert len(on("2024-03-17")) == 3 and len(on("2026-03-14")) == 10 and len(on("2024-05-29")) == 10
    assert on("2024-04-01")["distance_km"].tolist() == [600]
    assert on("2023-09-13")["distance_km"].tolist() == [650, 650]
    assert on("2025-11-07")["distance_km"].tolist() == [700]


def test_share_of_statements_citing_a_primary_text_matches_the_codebook():
    """Primary texts first: the share is computed here and must match the codebook's 'after' line."""
    import re
    from pathlib import Path

    statements = sl.load("statements")
    kinds = sl.load("sources").set_index("source_id")["kind"]
    primary = set(kinds[kinds == "primary document"].index)
    assert statements["primary_source_id"].dropna().isin(primary).all()
    cites = statements["source_id"].isin(primary) | statements["primary_source_id"].isin(primary)
    codebook = (Path(__file__).resolve().parents[1] / "data" / "codebook" / "statements.md").read_text()
    after = re.search(r"\| after \(issue 27\) \| (\d+) \| (\d+) \| (\d+)% \|", codebook)
    assert after, "the codebook's before/after table has no 'after' line"
    rows, citing, percent = map(int, after.groups())
    assert (rows, citing) == (len(statements), int(cites.sum()))
    assert percent == round(100 * cites.mean())
    # The audit's target: at least 60% of the rows cite a primary text.
    assert cites.mean() >= 0.60
    # Rows without a primary text say so in the codebook's list.
    missing = statements.loc[~cites, "statement_id"]
    listed = set(re.findall(r"S\d{3}", codebook.split("**Rows still without a primary text.**")[1].split("\n\n")[0]))
    listed |= {f"S{n:03d}" for n in range(54, 57)}
    assert set(missing) <= listed
