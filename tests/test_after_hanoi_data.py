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
    assert (later["source_id"] == "nagix-nk-missile-tests").all()
    assert later["date_cns"].isna().all() and later["confirmation"].isna().all()
    assert later["note"].str.contains("from nagix only").all()
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


def test_no_contact_after_2019_is_recorded_as_held():
    contacts = sl.load("negotiation_contacts")
    later = contacts[contacts["date"] > "2019-12-31"]
    assert len(later) > 0
    assert not (later["happened"] == "held").any()
