# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · From crisis to summit (2017 to June 2018)
#
# In 2017 North Korea tested missiles in most months of the year, set off its largest nuclear test, and
# traded threats with the new US president. In June 2018 its leader shook hands with that
# president in Singapore. This lesson measures the crisis with the course data, follows the
# first half of 2018 track by track, and asks what each side had given by the day of the summit.
# It sets the scene for the three arguments of the course's seed article
# (`washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`), and tests the one this period
# speaks to most directly: that North Korea's steps were unilateral and easy to reverse.
#
# **Objectives.** By the end of this lesson you can:
# - *compute* the number of missiles launched by year, month and missile class, and say which
#   clock (UTC or local) a date is in;
# - *chart* launches over time with the main diplomatic events annotated, and read the chart;
# - *compare* yield estimates for the six nuclear tests and *explain* why they differ;
# - *compute* the days between the last long-range launch and the Singapore summit;
# - *evaluate* competing explanations of why the crisis turned into a summit.
#
# **Prerequisites:** [lesson 00](00-start-here.ipynb) (loading a table, dates in UTC and local time).
# {estimated_time}
# **Data used:** [`missile_launches`](../data/codebook/missile_launches.md),
# [`nuclear_tests`](../data/codebook/nuclear_tests.md),
# [`nuclear_yield_estimates`](../data/codebook/nuclear_yield_estimates.md),
# [`events`](../data/codebook/events.md),
# [`sanctions_resolutions`](../data/codebook/sanctions_resolutions.md) and
# [`statements`](../data/codebook/statements.md).

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab import timezones as tz
from summitlab.charts import annotated_timeline, legend_or_menu

sl.use_theme()

# %% [markdown]
# **Code new in this lesson.** Beyond the [primer](00p-python-primer.ipynb), this lesson uses:
# - `.notna()` / `.isna()`: True where a value is present / missing; `.dropna(subset=[...])` drops rows missing those columns.
# - `pd.to_datetime(text)` reads text as dates; `.dt.strftime("%Y-%m")` writes a date as text; `.dt.normalize()` sets the time to midnight.
# - `.dt.to_period("M").dt.to_timestamp()` turns a date into the first day of its month (to count by month).
# - `.idxmax()`: the index label of the largest value; `.first()` after `groupby`: each group's first row.
# - `.astype(str)` changes a column's type; `.round(1)` rounds; `.unique().tolist()` lists distinct values.
# - `.set_index("col")` makes a column the row labels, so `.loc["label", "other"]` can look a row up.
# - `pd.Series({...})` builds a column from a dict; `.stack()` turns a table's columns into one long column.
# - Altair: `.axis(labelAngle=0)` styles an axis; `alt.Scale(type="log")` / `.scale(...)` sets a scale;
#   `alt.XOffset` places bars side by side; `alt.Shape` encodes a field as a marker shape;
#   `alt.StrokeDash` draws each value of a field as its own line pattern (solid, dashed, dotted), so
#   lines differ by more than colour;
#   `.transform_filter(...)` drops rows inside the chart; `alt.binding_select(...)` binds a selection to a drop-down.
# - Course functions (`summitlab`): `tz.local_date(date_utc, time_utc, place=...)` gives the local calendar date of a
#   UTC date and time in Pyongyang or Seoul; `tz.pyongyang_time(moment)` the Pyongyang clock time of a UTC moment and
#   `tz.utc_offset_hours(moment)` how many hours that clock ran ahead of UTC (9 or 8.5);
#   `legend_or_menu(table, field, title)` gives the two selections (legend click and drop-down menu) that pick out one
#   value of a field; `annotated_timeline(chart, events, title=..., description=...)` draws events as labelled rules
#   over a chart with a date axis. In the collapsed cells that compute the takeaways,
#   `sl.counts_in_words(column, form)` writes how often each value of a column occurs as one phrase, each value and
#   its count in the words of `form` (say `"{n} from {value}"`), the most frequent first.
# - `.tz_localize(None)` removes the time zone from a time but keeps its clock reading (say, 02:48 in
#   Pyongyang), so it can be compared with the tables' dates, which carry no time zone.
# - `.itertuples()` loops over a table's rows, one at a time; each row is a small record whose
#   columns you read with a dot (`row.date`, `row.summary`).

# %%
# This lesson covers launches to the end of 2019; lesson 07 takes the table on to 2026.
launches = sl.load("missile_launches").query("date_utc <= '2019-12-31'")
events = sl.load("events")
tests = sl.load("nuclear_tests")
yields = sl.load("nuclear_yield_estimates")
resolutions = sl.load("sanctions_resolutions")

# %% [markdown]
# ## How intense was testing in 2016–2017, and when did it stop?
# One row of `missile_launches` is one missile, as the CNS North Korea Missile Test Database
# counts them: a salvo of three is three rows. CNS sorts missiles into classes by range:
# SRBM (short-range, under 1,000 km), MRBM (medium, 1,000–3,000 km), IRBM (intermediate,
# 3,000–5,500 km), ICBM (intercontinental, over 5,500 km), SLBM (launched from a submarine) and SLV (a rocket that puts a satellite in orbit).
# First, missiles per year and class:

# %%
per_year = (
    launches
    .assign(year=launches["date_utc"].dt.year)
    .pivot_table(index="year", columns="missile_class", values="launch_id",
                 aggfunc="count", fill_value=0, observed=False)
    .reindex(range(2012, 2020), fill_value=0)  # keep years with no launches
)
per_year

# %% How this sentence is computed tags=["hide-input"]
in_year = per_year.sum(axis="columns")
last_2017 = launches.loc[launches["date_utc"].dt.year == 2017, "date_utc"].max()
months_2017 = launches.loc[launches["date_utc"].dt.year == 2017, "date_utc"].dt.month.nunique()
sl.takeaway(
    f"North Korea launched {in_year[2016]} missiles in 2016 and {in_year[2017]} in 2017, "
    f"{per_year.loc[2017, 'ICBM']} of them ICBMs, in {months_2017} of 2017's 12 months (UTC); the last of 2017 flew on "
    f"{last_2017:%-d %B} (UTC), and the table has {in_year[2018]} launches in 2018."
)

# %% [markdown]
# **Which clock?** CNS gives each launch a date and time in UTC (Coordinated Universal Time).
# Seoul is nine hours ahead of UTC (Korea Standard Time). Pyongyang's clock was not always the
# same: North Korea set it half an hour back, to UTC+8:30, from 15 August 2015 until 5 May 2018
# (sources `theindianawaaz-2018-05-06-north-korea-resets-clocks` and
# `kcnawatch-2018-05-05-reset-pyongyang-time-begins`), so most of the 2016–2017 launches happened
# at UTC+8:30 local time. Either way a launch early on a Korean morning falls on the *previous*
# UTC day. The helper `summitlab.timezones` looks up the offset in force on the day. Our table keeps both what CNS wrote (`date_cns`) and the UTC date after our checks
# (`date_utc`): in a few rows CNS had written the Korean date. The rows where the two differ:

# %%
launches.loc[
    launches["date_cns"] != launches["date_utc"],
    ["launch_id", "date_cns", "date_utc", "time_utc", "missile_name", "check_source_id"],
]

# %% How this sentence is computed tags=["hide-input"]
has_time = launches["time_utc"].notna()
pyongyang_day = tz.local_date(launches["date_utc"], launches["time_utc"], place="Pyongyang")
seoul_day = tz.local_date(launches["date_utc"], launches["time_utc"], place="Seoul")
shifted = (pyongyang_day != launches["date_utc"]) & has_time
clocks_differ = (pyongyang_day != seoul_day) & has_time
sl.takeaway(
    f"{(launches['date_cns'] != launches['date_utc']).sum()} rows needed a corrected UTC date; and "
    f"of the {has_time.sum()} launches with a known time, {shifted.sum()} fall on a different "
    f"calendar day in Pyongyang than in UTC. Reading Pyongyang's own clock (UTC+8:30 until May 2018) "
    f"instead of Seoul's changes the local date of {clocks_differ.sum()} launches. Always say which clock a date is in."
)

# %% [markdown]
# Now month by month, from 2016 to 2019, with the main diplomatic events drawn over the bars.
# This is the course's *annotated timeline*: each dashed line is an event from the `events`
# table (hover over it for details). Click a missile class in the legend to pick it out.

# %%
monthly = (
    launches
    .query("date_utc >= '2016-01-01'")
    .assign(month=lambda t: t["date_utc"].dt.to_period("M").dt.to_timestamp())
    .groupby(["month", "missile_class"], observed=True)
    .size()
    .reset_index(name="launches")
)
monthly.head()

# %% [markdown]
# The annotations are six events from the chronology. Their dates are local dates while the bars
# use UTC dates; at the scale of months, a one-day difference barely moves a line.

# %%
labels = {
    "E015": "'Fire and fury'", "E026": "2018 New Year address", "E035": "Panmunjom summit",
    "E046": "Singapore", "E072": "Hanoi", "E081": "DMZ meeting",
}
key_events = events[events["event_id"].isin(list(labels))].assign(label=lambda t: t["event_id"].map(labels))
key_events[["event_id", "date", "track", "label"]]

# %%
pick_class, pick_class_menu = legend_or_menu(monthly, "missile_class", "Missile class")
bars = (
    alt.Chart(monthly)
    .mark_bar(stroke="#333333", strokeWidth=1)
    .encode(
        x=alt.X("yearmonth(month):T").title("Month (UTC date of launch)"),
        y=alt.Y("launches:Q").title("Missiles launched (count)"),
        color=alt.Color("missile_class:N").title("Missile class"),
        # The outline's dashes tell the classes apart without colour.
        strokeDash=alt.StrokeDash("missile_class:N").title("Missile class"),
        opacity=alt.when(pick_class & pick_class_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
        tooltip=[alt.Tooltip("yearmonth(month):T", title="Month"),
                 alt.Tooltip("missile_class:N", title="Class"),
                 alt.Tooltip("launches:Q", title="Missiles")],
    )
    .add_params(pick_class, pick_class_menu)
)

# %%
annotated_timeline(
    bars, key_events,
    title="North Korean missile launches per month by class, 2016–2019, with key diplomatic events",
    description=f"Stacked bar chart of missiles launched each month from 2016 to 2019 (every CNS row, "
                f"the disputed 17 April 2019 row included), coloured by missile class, with dashed lines "
                f"marking {len(key_events)} diplomatic events from 'fire and fury' in "
                f"{key_events['date'].min():%B %Y} to the DMZ meeting in {key_events['date'].max():%B %Y}; "
                + ("no bars appear in 2018." if in_year[2018] == 0 else f"{in_year[2018]} launches in 2018."),
).properties(width=720, height=280)

# %% How this sentence is computed tags=["hide-input"]
first_2019 = launches.loc[launches["date_utc"] > last_2017, "date_utc"].min()
months_quiet = (first_2019.to_period("M") - last_2017.to_period("M")).n - 1
later = launches[(launches["date_utc"] > last_2017) & ~launches["classification_disputed"]]
first_undisputed = later["date_utc"].min()
per_month = monthly.groupby("month")["launches"].sum()
busiest = per_month[per_month.index < "2018-01-01"].idxmax()
sl.takeaway(
    f"Launches came in bursts through 2016 and 2017 (the busiest month was {busiest:%B %Y}, with {per_month[busiest]} missiles), then "
    f"stopped: {months_quiet} whole months passed without a launch between {last_2017:%B %Y} and "
    f"{first_2019:%B %Y}, a pause that began before any of the 2018 summits. The chart counts every CNS "
    f"row; the {first_2019:%-d %B %Y} row is disputed (US officials said it was not a ballistic missile), "
    f"so the first undisputed ballistic launch came on {first_undisputed:%-d %B %Y} (UTC)."
)

# %% [markdown]
# ## How did the nuclear tests grow?
# North Korea set off six underground nuclear explosions at Punggye-ri between 2006 and 2017.
# Outsiders cannot measure a test's **yield** (the energy released, in kilotons (kt) of TNT
# equivalent) directly. They record the seismic waves it sends through the Earth. The US
# Geological Survey reports a [**body-wave magnitude**](../docs/glossary.md#body-wave-magnitude) (mb): a logarithmic measure of the size of
# those waves, so one unit more means waves about ten times larger.

# %%
tests[["test_number", "date_local", "mb_usgs", "dprk_claim"]]

# %% [markdown]
# Turning a magnitude into a yield needs assumptions: how deep the device was buried, what rock
# surrounds it, which formula links the two. Different estimators make different assumptions,
# and later studies used more data than same-day government statements. The
# `nuclear_yield_estimates` table keeps every estimate we could source (one row each). We chart
# each estimate as a dot (the source's single value) or a bar (the source's range), on a
# logarithmic scale so that 1 kt and 300 kt fit on one chart. Click an estimator type in the
# legend to pick it out.

# %%
estimates = (
    yields
    .merge(tests[["test_number", "date_local", "mb_usgs"]], on="test_number")
    .assign(test=lambda t: "Test " + t["test_number"].astype(str) + " (" + t["date_local"].dt.strftime("%Y") + ")")
    .astype({"yield_low_kt": float, "yield_high_kt": float, "yield_central_kt": float})
    [["test", "estimator", "estimator_type", "method", "yield_low_kt", "yield_central_kt",
      "yield_high_kt", "yield_plus_minus_kt"]]
)
estimates.head()

# %%
yield_tooltip = [
    alt.Tooltip("test:O", title="Test"), alt.Tooltip("estimator:N", title="Estimator"),
    alt.Tooltip("method:N", title="Method"), alt.Tooltip("yield_low_kt:Q", title="Low (kt)"),
    alt.Tooltip("yield_central_kt:Q", title="Value (kt)"), alt.Tooltip("yield_high_kt:Q", title="High (kt)"),
    alt.Tooltip("yield_plus_minus_kt:Q", title="± (kt)"),
]
pick_type, pick_type_menu = legend_or_menu(estimates, "estimator_type", "Estimator type")
base = alt.Chart(estimates).encode(
    x=alt.X("test:O").title("Nuclear test (year)").axis(labelAngle=0),
    xOffset=alt.XOffset("estimator:N"),
    color=alt.Color("estimator_type:N").title("Estimator type"),
    opacity=alt.when(pick_type & pick_type_menu).then(alt.value(1)).otherwise(alt.value(0.15)),
    tooltip=yield_tooltip,
)
log_kt = alt.Scale(type="log", domain=[0.3, 400])

# %%
ranges = base.mark_rule(strokeWidth=4).encode(
    y=alt.Y("yield_low_kt:Q").scale(log_kt).title("Estimated yield (kilotons of TNT, log scale)"),
    y2="yield_high_kt:Q",
).transform_filter("isValid(datum.yield_low_kt) && isValid(datum.yield_high_kt)")
values = base.mark_point(filled=True, size=60).encode(
    y=alt.Y("yield_central_kt:Q").scale(log_kt),
    shape=alt.Shape("estimator_type:N").title("Estimator type"),
).transform_filter("isValid(datum.yield_central_kt)")
(
    alt.layer(ranges, values)
    .add_params(pick_type, pick_type_menu)
    .properties(
        width=640, height=320,
        title="Yield estimates for North Korea's six nuclear tests, by estimator",
        description="Dots and vertical bars on a logarithmic scale showing each source's yield "
                    "estimate or range for the six tests; estimates rise by orders of magnitude "
                    "from the first test in 2006 to the sixth in 2017 and spread widely for each test.",
    )
)

# %% [markdown]
# Rows that give only an upper bound ("less than one kiloton") or no number at all (US
# statements that spoke of "a few" or "several" kilotons) have no mark; they stay in the table.

# %%
spread = (
    estimates
    .melt(id_vars="test", value_vars=["yield_low_kt", "yield_central_kt", "yield_high_kt"], value_name="kt")
    .dropna(subset=["kt"])
    .groupby("test")["kt"]
    .agg(lowest="min", highest="max", median="median")
    .assign(highest_over_lowest=lambda t: (t["highest"] / t["lowest"]).round(1))
)
spread

# %% How this sentence is computed tags=["hide-input"]
first, last = spread.index[0], spread.index[-1]
sl.takeaway(
    f"The median estimate grew from {spread.loc[first, 'median']:g} kt for {first} to "
    f"{spread.loc[last, 'median']:g} kt for {last}, about {spread.loc[last, 'median'] / spread.loc[first, 'median']:.0f} "
    f"times larger; yet for {last} the highest number is {spread.loc[last, 'highest_over_lowest']:g} times "
    f"the lowest. The growth is beyond doubt, the exact size of any one test is not."
)

# %% [markdown]
# The Security Council answered the tests of 2017 with new sanctions. The `trigger` column says
# which test each resolution responded to (`trigger_date` is the Korean date; `date` is the
# adoption date in New York):

# %%
resolutions_2017 = resolutions.query("date >= '2017-01-01'")
resolutions_2017[["resolution", "date", "trigger", "trigger_date", "vote"]]

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"The Security Council adopted {len(resolutions_2017)} sanctions resolutions on North Korea in "
    f"2017, the last on {resolutions_2017['date'].max():%-d %B %Y}; votes (for-against-abstentions): "
    f"{', '.join(sorted(set(resolutions_2017['vote'])))}."
)

# %% [markdown]
# ## What happened between the 2018 New Year address and Singapore, and on which track?
# The `events` table gives each event a **track**: `inter-Korean` (the two Koreas),
# `China-DPRK`, `US-DPRK`, `US-ROK` (the US–South Korea alliance), `DPRK tests` (tests and the
# steps that halted them), and others. Its dates are **local** dates where the event happened.
# Pick a track in the drop-down menu to see it alone; hover over a point for what happened.

# %%
spring = events.query("'2018-01-01' <= date <= '2018-06-30'")[
    ["event_id", "date", "track", "event_type", "level", "summary"]
]
spring_tracks = spring["track"].astype(str).unique().tolist()
spring_tracks

# %%
pick_track = alt.selection_point(
    fields=["track"],
    bind=alt.binding_select(options=[None, *spring_tracks], labels=["All tracks", *spring_tracks], name="Track: "),
)
dots = (
    alt.Chart(spring)
    .mark_point(filled=True, size=90)
    .encode(
        x=alt.X("date:T").title("Date (local, 2018)"),
        y=alt.Y("track:N").title("Track").sort(spring_tracks),
        shape=alt.Shape("level:N").title("Highest level"),
        opacity=alt.when(pick_track).then(alt.value(1)).otherwise(alt.value(0.1)),
        tooltip=[alt.Tooltip("date:T", title="Date (local)", format="%d %b %Y"),
                 alt.Tooltip("track:N", title="Track"), alt.Tooltip("event_type:N", title="Type"),
                 alt.Tooltip("summary:N", title="What happened")],
    )
    .add_params(pick_track)
)

# %%
anchors = spring[spring["event_id"].isin(["E026", "E046"])].assign(
    label=lambda t: t["event_id"].map({"E026": "New Year address", "E046": "Singapore summit"})
)
annotated_timeline(
    dots, anchors, levels=1,
    title="Events of January–June 2018 by track, from Kim's New Year address to Singapore",
    description="Dot timeline of the events of the first half of 2018 on the inter-Korean, "
                "China-DPRK, US-DPRK, US-ROK, DPRK tests and other tracks, with dashed lines at "
                "the New Year address of 1 January and the Singapore summit of 12 June.",
).properties(width=720, height=260)

# %%
first_moves = (
    spring.sort_values(["date", "event_id"])
    .groupby("track", observed=True)
    .first()
    .sort_values("date")
    .reset_index()[["track", "date", "event_type", "summary"]]
)
first_moves

# %% How this sentence is computed tags=["hide-input"]
counts = spring["track"].value_counts()
sl.takeaway(
    f"The {first_moves.loc[0, 'track']} track moved first ({first_moves.loc[0, 'date']:%-d %B}); "
    f"the first US-DPRK event came on {first_moves.set_index('track').loc['US-DPRK', 'date']:%-d %B}, "
    f"when South Korean envoys announced Trump's acceptance. Of the {len(spring)} events of the period, "
    f"{counts['US-DPRK']} are on the US-DPRK track and {counts['inter-Korean']} inter-Korean."
)

# %% [markdown]
# ## How long was the pause, and what did each side give before Singapore?
# Which was the last ICBM before the summit, and when did it fly? CNS records it in UTC; the summit's date
# is the local date in Singapore. To count days between them, put both on the same footing:
# here, the local calendar date where each happened (Pyongyang time for the launch, which was
# UTC+8:30 in November 2017).

# %%
summit = events.query("track == 'US-DPRK' and event_type == 'summit' and status == 'held'")["date"].min()
icbm = launches.query("missile_class == 'ICBM' and date_utc < @summit").sort_values("date_utc").iloc[-1]
icbm_utc = pd.Timestamp(f"{icbm['date_utc']:%Y-%m-%d} {icbm['time_utc']}")
icbm_korea = tz.pyongyang_time(icbm_utc).tz_localize(None)
print(icbm["missile_name"], "| UTC:", icbm_utc, f"| Pyongyang (UTC+{tz.utc_offset_hours(icbm_utc):g}):",
      icbm_korea, "| summit (local):", summit.date())

# %% How this sentence is computed tags=["hide-input"]
days = (summit - icbm_korea.normalize()).days
days_utc = (summit - icbm["date_utc"]).days
sl.takeaway(
    f"{days} days separated the last ICBM launch ({icbm_korea:%-d %B %Y}, Pyongyang date) from the "
    f"Singapore summit ({summit:%-d %B %Y}); counting from the UTC date gives {days_utc}, one day "
    f"too many."
)

# %% [markdown]
# What had each side given by then? A [**moratorium**](../docs/glossary.md#moratorium) is a declared halt to an activity (here,
# tests) with no treaty behind it: the party that declares it can end it. [**Denuclearization**](../docs/glossary.md#denuclearization)
# is the removal of nuclear weapons, a word the two sides defined differently (lesson 02). We
# pick out of the chronology the steps that cost one side something and that the other side
# wanted: halts, releases, demolitions, exercise changes, and the summit itself, which no North
# Korean leader had obtained before.

# %%
giver = {"announcement": "DPRK", "detainee release": "DPRK", "dismantlement": "DPRK",
         "exercise change": "United States", "summit": "United States"}
gives = (
    events.query("'2018-01-01' <= date <= '2018-06-30'")
    .query("(track == 'DPRK tests') or event_type in ['detainee release', 'exercise change'] "
           "or (track == 'US-DPRK' and event_type == 'summit')")
    .assign(side=lambda t: t["event_type"].astype(str).map(giver),
            before_summit=lambda t: t["date"] < summit)
    [["date", "side", "event_type", "status", "before_summit", "summary", "note"]]
)
gives

# %% How this sentence is computed tags=["hide-input"]
before = gives[gives["before_summit"]]
by_side = before["side"].value_counts()
us_before = before.query("side == 'United States'")
sl.takeaway(
    f"Before the summit day, North Korea took {by_side.get('DPRK', 0)} of the {len(before)} steps in this "
    f"table and Washington {by_side.get('United States', 0)} ("
    + "; ".join(f"{r.date:%-d %B}: {r.summary.rstrip('.')}" for r in us_before.itertuples())
    + "): the test halt, the prisoner "
    f"release and the test-site demolition came before the summit; the meeting and the suspension of the "
    f"large exercises came on or after {summit:%-d %B}."
)

# %% [markdown]
# ## Perspectives: who moved whom before Singapore?
# Each government told the story of the first half of 2018 in its own way. The `statements`
# table holds short, sourced paraphrases of what officials said, in our words. Here are the four
# governments' statements, before the summit day, on what should come first (`priorities`), on
# the halt to testing (`testing pause`) and on the channels of talks (`process`).

# %%
statements = sl.load("statements")
framing = (
    statements
    .query("party in ['US', 'DPRK', 'ROK', 'China'] and date < @summit")
    .query("topic in ['priorities', 'testing pause', 'process']")
    .sort_values(["party", "date"])
    [["party", "date", "speaker", "topic", "paraphrase", "source_id"]]
)
framing

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"{len(framing)} statements before the summit: "
    + sl.counts_in_words(framing["party"].astype(str), "{n} from {value}")
    + ". Seoul's voice in this sample is thin; its role shows more in the events table (its envoys carried the invitation)."
)

# %% [markdown]
# Read them side by side. **Beijing** had proposed since March 2017 a mutual suspension (North
# Korean tests for US–South Korean exercises) and said in March 2018 that the Olympic pause
# proved it right. **Washington** had rejected that exchange in 2017; in April 2018 it welcomed
# Pyongyang's halt as progress, and its national security adviser asked for verified
# disarmament before sanctions relief, a line the president then distanced himself from.
# **Pyongyang** announced the halt as its own decision and rejected any demand that it disarm
# unilaterally. **Seoul** presented itself as the go-between. In Beijing's story the pause is
# half of a swap; in Washington's, a concession obtained; in Pyongyang's, a sovereign choice.
# Each story implies a different answer to what was owed next.

# %% [markdown]
# **Tokyo** is missing from the four governments above, although the missiles of 2017 flew over
# Japan. Its own line is in the table as well (our paraphrases; `primary_source_id` names the
# Japanese government's text):

# %%
tokyo = statements.query("party == 'Japan' and date < @summit")
tokyo[["date", "speaker", "topic", "paraphrase", "key_phrase", "primary_source_id"]]

# %% [markdown]
# On the day of the overflight Abe spoke of a threat without precedent, said Japan had
# protested, and asked the Security Council to meet and raise the pressure. Beijing's answer to
# the crisis was a swap and Seoul's a go-between role; Tokyo's was more pressure, and it kept
# its own question, the abductions of Japanese citizens, in view (lesson 02). In 2018 its foreign
# minister held that line: pressure until the North gave up its programmes, and no easing of
# sanctions for the halt in tests. Tokyo's answer to the next overflight, in October 2022, is
# in lesson 07.

# %% [markdown]
# ## The article's claim, tested
# **The claim, in our words.** Writing in January 2019, Rapp-Hooper argues that North Korea's
# only moves had been *unilateral*: steps Pyongyang chose, announced and could undo on its own,
# such as destroying test sites, which she reports most experts judged superficial; and that
# since Pyongyang had made no specific promise, it was breaking none by continuing its programmes.
#
# **Evidence for.** The table of steps above: each of North Korea's pre-summit steps was decided
# and carried out by Pyongyang alone, required by no agreed text, with no outside [**verification**](../docs/glossary.md#verification)
# (checking by inspectors or technical means that a step was really taken). The codebook note on
# the test-site demolition says no international experts watched it.

# %%
gives.loc[gives["event_type"] == "dismantlement", ["date", "summary", "note"]]

# %% [markdown]
# **Evidence against: the strongest counter-argument.** A halt on nuclear tests and long-range
# launches is unilateral, but it is not unobservable. Each nuclear test in our tables has a
# magnitude measured by the US Geological Survey's distant seismometers, and the launch codebook
# spot-checks launches against reports by the US, South Korean and Japanese governments: a
# breach would be hard to hide. And the halt held, within its declared scope, through the end
# of 2019, the period this lesson covers (lesson 07 follows the table to 2026 and shows when it
# ended):

# %%
after_pause = launches[launches["date_utc"] > icbm["date_utc"]]
pause_check = pd.Series({
    "nuclear tests after September 2017": int((tests["date_local"] > "2017-09-03").sum()),
    "ICBM or IRBM launches after the Hwasong-15": int(after_pause["missile_class"].isin(["ICBM", "IRBM"]).sum()),
    "launches of any class after the Hwasong-15": len(after_pause),
    "last launch date to 2019 (UTC)": f"{launches['date_utc'].max():%Y-%m-%d}",
})
pause_check

# %% How this sentence is computed tags=["hide-input"]
later = sl.load("missile_launches").query("missile_class == 'ICBM' and date_utc > '2019-12-31'")
sl.takeaway(
    f"After November 2017 the table has no nuclear test and no ICBM or IRBM launch; the "
    f"{len(after_pause)} later launches, all in 2019, are {sl.counts_in_words(after_pause['missile_class'])} "
    f"({int(after_pause['classification_disputed'].sum())} of them disputed as a ballistic missile). "
    f"The unilateral halt was reversible, and kept for its stated scope until the next "
    f"ICBM-class launch on {later['date_utc'].min():%-d %B %Y} (UTC), which lesson 07 takes up."
)

# %% [markdown]
# What did each side later say the halt was worth, and was it binding? The `testing pause`
# statements made after the summit:

# %%
pause_views = statements.query("topic == 'testing pause' and date >= @summit").sort_values("date")
pause_views[["date", "party", "speaker", "paraphrase", "source_id"]]

# %% How this sentence is computed tags=["hide-input"]
last_view = pause_views.iloc[-1]
sl.takeaway(
    f"The sample ends on {last_view['date']:%-d %B %Y} with {last_view['speaker']} ({last_view['party']}), who "
    f"{last_view['paraphrase'][0].lower()}{last_view['paraphrase'][1:]} A halt one side chose, that side can end."
)

# %% [markdown]
# **Judging it.** Both things are true at once: the pause was real and observable, and it was a
# gift that could be taken back, matched on the US side by an exercise suspension that could
# also be taken back. Whether that counts as a first step toward arms control, or as a
# substitute for one, is the question lessons 02 to 05 take up.

# %% [markdown]
# ## Theory and further reading
# **Coercive diplomacy.** Schelling (1966, `schelling-1966-arms-and-influence`) separates
# *deterrence*, a threat meant to stop an action, from *compellence*, a threat meant to make the
# other side act, and argues that compelling is harder: the target must be seen to give in, and the
# demand must say what will satisfy it. George (1991, `george-1991-forceful-persuasion`) studies
# coercive diplomacy as threats of punishment paired with incentives, and finds it works best when
# the demand is clear, the threat credible, the target feels urgency, and a way out is on offer.
# Read 2017 through that lens: UN sanctions and US threats (the stick) and, from early 2018, talks
# and a summit (the carrot). A rival reading is that the North moved to talks once its own testing
# programme had reached a milestone, not because the pressure worked.
#
# **Discussion question (theory against data).** The coercion reading expects the turn to talks to
# follow the peak of pressure; the rival reading expects it to follow the last big test. Using
# `sanctions_resolutions`, `missile_launches` and `events`, which came closer before the first
# diplomatic overture of 2018: the last UN resolution of 2017, or the last ICBM launch? Can these
# tables tell the two readings apart, and if not, what evidence could?

# %% [markdown]
# ## Discussion
# 1. The Hwasong-15 flew on 28 November in UTC and 29 November in Korea. When does the choice
#    of clock change a conclusion, and when does it not?
# 2. Yield estimates for the same test differ by a factor of several. How should an analyst
#    report a number that uncertain to a policymaker?
# 3. Which explanation of the turn to diplomacy (pressure, a completed deterrent, Seoul's
#    diplomacy, China's freeze-for-freeze logic) fits the timeline best? What would count as
#    evidence against your favourite?
# 4. North Korea's steps came before Singapore; Washington's, apart from postponing drills
#    during the Olympics with Seoul in January 2018, came on or after the summit day. Does the
#    order matter, and for whom?
#
# ## Keypoints
# - North Korea's testing peaked in 2016–2017, with its first ICBMs in 2017, and stopped after
#   November 2017, months before any summit.
# - Dates in the launch table are UTC; events are local. Convert before you subtract, with the
#   clock in force on the day (Pyongyang ran at UTC+8:30 from August 2015 to May 2018).
# - The nuclear tests grew by orders of magnitude in yield, but estimates for one test can
#   differ several-fold: report ranges, not a single number.
# - The inter-Korean track moved first in 2018; the US-DPRK summit came after an inter-Korean
#   and a China–DPRK summit.
# - Before Singapore, North Korea's steps were unilateral and reversible, yet the halt on
#   nuclear and long-range tests held for its stated scope through 2019.
#
# ## Next
# - Exercises: [exercises/01-crisis-to-summit.ipynb](../exercises/01-crisis-to-summit.ipynb) (50 minutes).
# - Lesson 02 — Reading the Singapore statement ([02-singapore-statement.ipynb](02-singapore-statement.ipynb)).
#
# ## References

# %% How the reference list is built tags=["hide-input"]
used = [
    "washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect",
    *launches["source_id"], *launches["check_source_id"].dropna(),
    *tests["source_id"], *tests["claim_source_id"], *yields["source_id"],
    *key_events["source_id"], *spring["event_id"].map(events.set_index("event_id")["source_id"]),
    *resolutions_2017["source_id"], *framing["source_id"], *pause_views["source_id"],
    "kcnawatch-2018-05-05-reset-pyongyang-time-begins", "theindianawaaz-2018-05-06-north-korea-resets-clocks",
    *events.loc[events["event_id"].isin(["E100", "E101"]), "source_id"],
]
sl.references([used[0], *sorted(set(used[1:]) - {used[0]})])

# %% [markdown]
# Further reading for the theory section:

# %% How the reference list is built tags=["hide-input"]
sl.references(["schelling-1966-arms-and-influence", "george-1991-forceful-persuasion"])
