# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Capstone exemplar: did summits buy quiet?
#
# A worked example of the [capstone](README.md), written the way a student might, and marked
# with the [rubric](rubric.md). Its question: **in the six months after each summit Kim Jong Un
# attended in 2018–2019, did North Korea launch fewer missiles than in the six months before?**
# The answer uses one table of its own, `exemplar/summits.csv` (built in the course's format,
# with its schema and sources), and the course's `missile_launches` and `events` tables.
#
# Every number in the piece is computed below; the sentences that quote them are built from the
# computed values, never typed.

# %%
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import Markdown

import summitlab as sl
from summitlab.capstone import check_project
from summitlab.charts import annotated_timeline

sl.use_theme()

# %% [markdown]
# ## Step 1 · The table of my own, checked
# `exemplar/` holds `summits.csv` (one row per summit, transcribed from the course's `events`
# table, with a `counterpart` column added), its Table Schema in `exemplar/schemas/` and a
# `sources.csv` (here the header alone: every row cites a source the course already has). The
# checker validates all three with Frictionless, as the course checks its own data.

# %%
check_project(Path("exemplar"))

# %%
summits = pd.read_csv("exemplar/summits.csv", parse_dates=["date", "end_date"])
summits["last_day"] = summits["end_date"].fillna(summits["date"])
launches = sl.load("missile_launches")
summits[["summit_id", "date", "last_day", "counterpart", "location"]]

# %% [markdown]
# ## Step 2 · Launches before and after each summit
# For each summit, count the missiles launched in the 180 days before its first day and in the
# 180 days after its last day. Summit dates are local (Korea, Beijing, Hanoi…); launch dates are
# UTC, so a launch on the edge of a window could move by one day. That cannot change a count
# unless a launch falls within a day of a window's edge.

# %%
window = pd.Timedelta(days=180)
summits["before"] = [
    int(launches["date_utc"].between(day - window, day, inclusive="left").sum()) for day in summits["date"]
]
summits["after"] = [
    int(launches["date_utc"].between(day, day + window, inclusive="right").sum()) for day in summits["last_day"]
]
summits[["summit_id", "date", "counterpart", "before", "after"]]

# %%
hanoi = summits.loc[summits["location"].str.startswith("Hanoi")].iloc[0]
earlier, later = summits[summits["date"] < hanoi["date"]], summits[summits["date"] >= hanoi["date"]]
quiet_after = int((earlier["after"] == 0).sum())
last_before = launches.loc[launches["date_utc"] < summits["date"].min(), "date_utc"].max()

# %% [markdown]
# ## Step 3 · Two charts

# %%
monthly = (
    launches[launches["date_utc"].between("2017-01-01", "2020-12-31")]
    .assign(month=lambda t: t["date_utc"].dt.to_period("M").dt.to_timestamp())
    .groupby("month").size()
    .reindex(pd.date_range("2017-01-01", "2020-12-01", freq="MS"), fill_value=0)
    .rename_axis("month").reset_index(name="missiles")
)
bars = alt.Chart(monthly).mark_bar().encode(
    x=alt.X("month:T").title("Month (UTC dates of launch)"),
    y=alt.Y("missiles:Q").title("Missiles launched (count)"),
    tooltip=[alt.Tooltip("month:T", title="Month", format="%B %Y"), alt.Tooltip("missiles:Q", title="Missiles")],
)
us_summits = summits[summits["counterpart"] == "United States"].assign(
    label=lambda t: t["location"].str.split(",").str[0] + " summit")[["date", "label"]]
annotated_timeline(
    bars, us_summits,
    title="North Korean missile launches per month, 2017-2020, with the three US-DPRK summits",
    description="Bar chart of the missiles North Korea launched each month from 2017 to 2020, with dashed rules marking the three US-DPRK summits.",
).properties(width=600)

# %%
long = summits.melt(id_vars=["summit_id", "date", "counterpart", "location"], value_vars=["before", "after"],
                    var_name="window", value_name="missiles")
long["summit"] = long["summit_id"] + " " + long["location"].str.split(",").str[0]
alt.Chart(long).mark_bar(stroke="#4c78a8", strokeWidth=1.5).encode(
    y=alt.Y("summit:N").title("Summit (date order)").sort(list(dict.fromkeys(long["summit"]))),
    x=alt.X("missiles:Q").title("Missiles launched in the 180 days (count)"),
    yOffset=alt.YOffset("window:N").sort(["before", "after"]),
    # Filled bars before, hollow bars after: told apart without relying on colour.
    fill=alt.Fill("window:N").title("180 days").scale(domain=["before", "after"], range=["#4c78a8", "transparent"]),
    tooltip=[alt.Tooltip("summit:N", title="Summit"), alt.Tooltip("counterpart:N", title="Met"),
             alt.Tooltip("window:N", title="Window"), alt.Tooltip("missiles:Q", title="Missiles")],
).properties(
    width=420,
    title="Missiles launched in the 180 days before and after each summit Kim attended, 2018-2019",
    description=f"Paired horizontal bars for each of the {len(summits)} summits: the missiles launched in the 180 days before it (filled bar) and in the 180 days after it (hollow bar).",
)

# %% [markdown]
# ## Step 4 · The piece

# %%
events = sl.load("events")
us_meetings = events[events["track"].eq("US-DPRK") & events["event_type"].eq("summit")]
invitation = events.set_index("event_id").loc["E030", "date"]
last_us = us_meetings["date"].max()
data_end = events["date"].max()
Markdown(
    f"### Summits bought quiet, until they didn't\n\n"
    f"Between {summits['date'].min():%B %Y} and {summits['last_day'].max():%B %Y} Kim Jong Un met foreign "
    f"leaders {len(summits)} times: "
    f"{(summits['counterpart'] == 'United States').sum()} times with Donald Trump, and with the "
    f"leaders of South Korea, China and Russia. Did these meetings keep North Korea's missiles on the ground? "
    f"Of the {len(earlier)} summits before Hanoi, {quiet_after} were followed by 180 days without a single "
    f"launch. After Hanoi the pattern broke: the {len(later)} summits from February 2019 on were followed by "
    f"{later['after'].min()} to {later['after'].max()} missiles each in the next 180 days.\n\n"
    f"The first chart shows why. The quiet of 2018 was not the work of any one summit: the last launch "
    f"before it was on {last_before:%d %B %Y} (UTC), {(summits['date'].min() - last_before).days} days before "
    f"the first meeting, and launches resumed in "
    f"{monthly.loc[(monthly['month'] > hanoi['date']) & (monthly['missiles'] > 0), 'month'].min():%B %Y} "
    f"(by the CNS count; what was fired that April is disputed, E101 in `events`), "
    f"after the Hanoi summit ended without an agreement. Summits accompanied the pause; "
    f"they did not by themselves make it, and they could not keep it once the talks had failed."
)

# %% [markdown]
# Two checks on that reading: does it depend on who was across the table, and on the length of
# the window? The second chart answers the first; the second is a count with 90 days instead of
# 180.

# %%
by_counterpart = summits.groupby("counterpart").agg(summits=("summit_id", "size"), missiles_after=("after", "sum"))
short = pd.Timedelta(days=90)
quiet_90 = sum(
    int(launches["date_utc"].between(day, day + short, inclusive="right").sum()) == 0 for day in earlier["last_day"]
)
pause_decision = events.set_index("event_id").loc["E034", "date"]
by_counterpart

# %%
Markdown(
    f"The pattern is not about Washington alone. Kim met the leaders of {by_counterpart.shape[0]} countries, "
    f"and the summits with China, the country he met most often ({by_counterpart.loc['China', 'summits']} times), "
    f"follow the same break: quiet after those of 2018, launches after those of 2019. Nor does it hang on the "
    f"length of the window: with 90 days instead of 180, {quiet_90} of the {len(earlier)} summits before Hanoi "
    f"were followed by no launch at all.\n\n"
    f"What the data cannot show is why. {len(summits)} summits are few, and they are not independent: they "
    f"cluster in two diplomatic seasons, so the comparison is closer to two cases than to {len(summits)}. Both the "
    f"summits and the quiet may come from one earlier decision: on {pause_decision:%d %B %Y} (Korean date), "
    f"before any of the summits with Trump, a party meeting chaired by Kim announced a halt to nuclear and ICBM tests "
    f"(E034 in `events`). If that decision produced both, the summits are a sign of the pause, not its cause, "
    f"and the lesson for the next round is that quiet has to be negotiated in writing, with a date and a "
    f"means of checking it, rather than expected as a by-product of meeting."
)

# %% [markdown]
# ### My forecast
# **Will Kim Jong Un and a sitting US president meet in person before 1 January 2028?
# My probability: 15 %.** (Resolves yes if a meeting like those in the course's `events` table,
# summit type, track US-DPRK, takes place by 31 December 2027.)

# %%
Markdown(
    f"Why low: the course's `events` table records {len(us_meetings)} US-DPRK summits, all between "
    f"{us_meetings['date'].min():%B %Y} and {last_us:%B %Y}, and none in the "
    f"{(data_end - last_us).days // 365} years after, to its last row ({data_end:%B %Y}). In June 2025, by the "
    f"course's record, North Korean diplomats refused a letter from Trump meant to reopen talks (E148), and "
    f"in September 2025 Kim set a condition for talks: that the US drop its demand for denuclearization (E150). "
    f"A base rate of none in several years, and a stated precondition, point well below even odds; I keep "
    f"some probability because this pair has moved fast before: the first summit came "
    f"{(us_meetings['date'].min() - invitation).days} days after Trump accepted Kim's invitation (E030)."
)

# %% [markdown]
# ### The strongest counter-argument
# The best case against my forecast comes from Kim's own words: in the same September 2025
# speech (E150) he said he had good memories of Trump and would talk if the US changed its
# demand, which leaves a door open that he shut to Seoul. A president who has met Kim
# before, and who accepted the first invitation on the day South Korean envoys briefed him on it
# (E030 in `events`), might agree to meet without accepting the precondition first, as in 2018.
# If that happened, 15 % would prove too low. I keep the forecast because Pyongyang's refusals of
# 2025 (E148) came after that pattern was known, but a second refused letter or an announced
# meeting would make me revise it by a wide margin.

# %% [markdown]
# ## References

# %%
cited = ["cns-nk-missile-test-database", *summits["source_id"]]
cited += events.set_index("event_id").loc[["E030", "E101", "E148", "E150"], "source_id"].tolist()
sl.references(cited)
