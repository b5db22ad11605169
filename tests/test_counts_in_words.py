"""summitlab.counts_in_words: the counts behind a takeaway, written as a phrase.

The expected phrases are counted by hand from the small tables below.
"""

import pandas as pd
import pytest

import summitlab as sl

PARTIES = pd.Series(pd.Categorical(
    ["DPRK", "US", "US", "China", "US", "DPRK"], categories=["China", "DPRK", "ROK", "US"]))


def test_most_frequent_first_and_unused_categories_left_out():
    # US 3, DPRK 2, China 1; ROK is a category with no row.
    assert sl.counts_in_words(PARTIES, "{n} from {value}") == "3 from US, 2 from DPRK, 1 from China"


def test_in_the_order_of_the_categories():
    # The categories' order (China, DPRK, ROK, US), not the order of the counts.
    assert sl.counts_in_words(PARTIES, "{value}: {n}", order="value") == "China: 1, DPRK: 2, US: 3"
    # Nor the alphabet: here the categories put US first.
    us_first = pd.Series(pd.Categorical(["China", "China", "US"], categories=["US", "ROK", "China"]))
    assert sl.counts_in_words(us_first, "{value}: {n}", order="value") == "US: 1, China: 2"


def test_plain_strings_in_sorted_order_and_the_default_form():
    classes = pd.Series(["SRBM", "IRBM", "SRBM", "ICBM", "SRBM"])
    assert sl.counts_in_words(classes, order="value") == "1 ICBM, 1 IRBM, 3 SRBM"
    assert sl.counts_in_words(classes, "{value} {n}", sep="; ").startswith("SRBM 3; ")


def test_missing_values_and_empty_columns():
    assert sl.counts_in_words(pd.Series(["held", None, "held"])) == "2 held"
    assert sl.counts_in_words(pd.Series([], dtype=str)) == ""
    assert sl.counts_in_words(pd.Series(pd.Categorical([], categories=["US"])), order="value") == ""


def test_an_unknown_order_is_refused():
    with pytest.raises(ValueError, match="order"):
        sl.counts_in_words(PARTIES, order="alphabet")
