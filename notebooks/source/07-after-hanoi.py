# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 07 · After Hanoi, 2019–2026: the three arguments on seven more years
#
# Lesson 06 graded the seed article (`washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`)
# on the months after the Hanoi summit. Seven more years have passed since then. North Korea
# ended its testing pause, wrote its nuclear status into law, declared the South a hostile state
# and signed a defence treaty with Russia; Washington's offers to talk went unanswered. This is the
# hardest test the article's three arguments (process, sequencing, road map) will get. The lesson
# runs the same checks on the longer record, scores the forecasts again at later dates, and ends
# by placing the case in the scholarship on bargaining and arms control.
#
# **Objectives.** By the end of this lesson you can:
# - *chart* the testing pause and its end on the course's annotated timeline, 2017–2026;
# - *compute* how long the pause lasted and how the launch record changed after it;
# - *compute* Brier scores of the same forecasts at several horizons, counting only statements
#   made before the outcome;
# - *evaluate* each of the article's three arguments on the record of 2019–2026, with the
#   strongest counter-argument, and *explain* how each capital framed the talks.
#
# **Prerequisites:** lessons [01](01-crisis-to-summit.ipynb) to [06](06-hanoi-and-after.ipynb)
# (the Brier score of lesson 06 in particular).
# {estimated_time}
# **Data used:** [`missile_launches`](../data/codebook/missile_launches.md),
# [`events`](../data/codebook/events.md), [`statements`](../data/codebook/statements.md),
# [`launch_reports`](../data/codebook/launch_reports.md),
# [`negotiation_contacts`](../data/codebook/negotiation_contacts.md),
# [`forecasts`](../data/codebook/forecasts.md),
# [`stockpile_estimates`](../data/codebook/stockpile_estimates.md) and
# [`nuclear_tests`](../data/codebook/nuclear_tests.md).
#
# **A word on the sources.** The events after 2019 are key events, not a full chronology; most
# come from news agencies' reports of official statements, and the statements cite the official
# text where we found one. Launches up to 12 April 2023 come from the CNS database, as before;
# after that date from the nagix compilation, each launch checked against a second source where we
# found one, with the number of missiles taken from Seoul's Joint Chiefs of Staff or, where they
# gave none, from Japan's defence ministry, or, where neither did, from nagix (see the codebook).
# After nagix's last launch, launches are added one by one from the CSIS Beyond Parallel file and
# news reports, by the same counting rule; that record is incomplete, so the last year is a floor.
# Where sources disagree, the tables keep both.

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab import timezones as tz
from summitlab.models import forecasts as fc
from summitlab.charts import annotated_timeline, legend_or_menu

sl.use_theme()

# %% [markdown]
# **Code new in this lesson.** Beyond the primer and lessons 01–06, this lesson mostly reuses code
# you know, on a longer record. New are:
# - `.loc[lambda t: t.sum(axis="columns") > 0]`: keeps the rows where the condition is true; the
#   `lambda` receives the table built so far in the chain (here `t`), which has no name of its own yet.
# - `.iloc[0]` / `.iloc[-1]` on a sorted table: its first / last row, taken by position.
# - `zip(a, b)` (Python): walks two lists side by side and gives pairs, `(a[0], b[0])`, `(a[1], b[1])`…;
#   `dict |= {...}` adds the pairs of a second dict to the first.
# - Inside `.query(...)`, column methods work as in ordinary code: `"counted.str.startswith('warheads')"`.
# - Reminders: `pd.crosstab` (lesson 03) counts rows for each pair of values; `annotated_timeline`
#   (lesson 01) puts labelled event rules over a chart; `fc.brier_components` and `fc.score_table`
#   (lesson 06) give each forecast's squared error and the Brier score per group.

# %%
launches = sl.load("missile_launches")
events = sl.load("events")
statements = sl.load("statements")
reports = sl.load("launch_reports")
contacts = sl.load("negotiation_contacts")
forecasts = sl.load("forecasts")
estimates = sl.load("stockpile_estimates")
tests = sl.load("nuclear_tests")

# %% [markdown]
# ## When did the testing pause end?
# In April 2018 North Korea declared a **moratorium**, a self-imposed halt, on nuclear tests and
# ICBM launches (lesson 01). Lesson 06 found it still held at the end of 2019, although
# short-range launches had resumed. Did it hold after that? First, missiles per year and class,
# 2017–2026 (UTC years; `reindex` keeps 2018, the year with no launch, as a row of zeros):

# %%
per_year = (
    launches
    .assign(year=launches["date_utc"].dt.year)
    .query("year >= 2017")
    .pivot_table(index="year", columns="missile_class", values="launch_id",
                 aggfunc="count", fill_value=0, observed=False)
    .reindex(range(2017, 2027), fill_value=0)
)
per_year

# %% [markdown]
# The table changes source in April 2023, and again after the last launch in nagix, when launches
# are added one by one from the CSIS Beyond Parallel file and news reports (see the codebook). How
# many rows in each year come from each source?

# %%
pd.crosstab(launches["date_utc"].dt.year, launches["source_id"]).loc[2020:]

# %% [markdown]
# After April 2023 the capitals often counted a salvo differently. `launch_reports` keeps every
# count we found, who gave it, and which one the table uses (`counted`):

# %%
counts = reports.query("measure == 'missiles'")
counts[["launch_date_utc", "reporter", "value", "qualifier", "counted", "source_id"]]

# %% How this sentence is computed tags=["hide-input"]
counted = counts.query("counted")
firm = counted.query("qualifier != 'at least'")["launch_ids"]
floor_years = sorted({ids[1:5] for ids in set(counts["launch_ids"]) - set(firm)})
# Launches where no one gave a number: the rows follow nagix, and each row's note says so
by_nagix = launches.query("date_utc > '2023-04-12' and count_source_id == 'nagix-nk-missile-tests'")
unnumbered = by_nagix[by_nagix["note"].str.contains("gave no number|number was not given")]
# one launch = one Pyongyang date and site (a salvo can cross midnight UTC); tz is lesson 01's helper
unnumbered_launches = unnumbered.groupby([tz.local_date(unnumbered["date_utc"], unnumbered["time_utc"]),
                                          "facility"]).ngroups  # `ngroups`: how many groups there are
sl.takeaway(
    f"For {counts['launch_ids'].nunique()} launches since April 2023, launch_reports holds missile counts that "
    f"differ, or a report without a number. "
    f"The table counts Seoul's number, or Tokyo's where Seoul gave none ({len(counted)} launches), "
    f"and keeps the others. For {unnumbered_launches} more launches Seoul said "
    f"only 'several' and no one else gave a number, so the rows follow nagix (each row's note says so). "
    f"Where the count used is only a lower bound, the year's total is a floor: {' and '.join(floor_years)}."
)

# %% [markdown]
# Now the pause itself: the last ICBM of 2017 and the next one, in UTC dates as the table gives
# them.

# %%
icbms = launches.query("missile_class == 'ICBM'").sort_values("date_utc")
last_before = icbms.query("date_utc < '2018-01-01'").iloc[-1]
first_after = icbms.query("date_utc > '2018-01-01'").iloc[0]
pause_days = (first_after["date_utc"] - last_before["date_utc"]).days
first_success = icbms.query("date_utc > '2018-01-01' and outcome == 'success'").iloc[0]
# The two earlier launches that the Pentagon tied to the new ICBM system (the table's class: unknown)
pentagon = launches[launches["check_source_id"] == "airandspaceforces-2022-03-10-north-korea-tested-new-icbm-system"]
pentagon_days = (pentagon["date_utc"].min() - last_before["date_utc"]).days
icbms.query("date_utc > '2018-01-01'")[["launch_id", "date_utc", "missile_name", "outcome", "source_id"]]

# %% How this sentence is computed tags=["hide-input"]
totals = launches["date_utc"].dt.year.value_counts()
sl.takeaway(
    f"As the table classes missiles, the pause on ICBM launches lasted {pause_days} days, from the "
    f"{last_before['missile_name']} ({last_before['date_utc']:%-d %B %Y}, UTC) to a failed launch on "
    f"{first_after['date_utc']:%-d %B %Y}; the first successful ICBM flight after it came on "
    f"{first_success['date_utc']:%-d %B %Y}. The Pentagon said that {len(pentagon)} earlier launches, classed "
    f"'unknown' here, already involved the new ICBM system; counted from the first of them, "
    f"{pentagon['date_utc'].min():%-d %B %Y}, the pause lasted {pentagon_days} days. "
    f"{totals.idxmax()} has the most missiles of any year since 2012, {totals.max()}. The table still has no "
    f"nuclear test after {tests['date_local'].max():%-d %B %Y}."
)

# %% [markdown]
# The course's annotated timeline, now from 2017 to the last launch in the table. Each circle is a
# month; its size is the number of missiles. The two lanes separate long-range missiles (IRBM or
# ICBM) from the rest, so the reading does not rest on colour. Dashed rules are events (local
# dates); hover over them. Click a lane in the legend, or choose it in the menu under the chart,
# to pick it out.

# %%
monthly = (
    launches.query("date_utc >= '2017-01-01'")
    .assign(month=lambda t: t["date_utc"].dt.to_period("M").dt.to_timestamp(),
            reach=lambda t: t["missile_class"].isin(["IRBM", "ICBM"]).map(
                {True: "IRBM or ICBM", False: "shorter range or other"}))
    .groupby(["month", "reach"]).size().reset_index(name="missiles")
)
labels = {"E034": "Moratorium", "E072": "Hanoi", "E098": "Plenum: pause over", "E133": "ICBM again",
          "E134": "Nuclear law", "E139": "Two hostile states", "E143": "Russia treaty", "E145": "Hwasong-19"}
markers = events[events["event_id"].isin(list(labels))].assign(label=lambda t: t["event_id"].map(labels))

# %%
pick, pick_menu = legend_or_menu(monthly, "reach", "Missile class")
circles = alt.Chart(monthly).mark_circle().encode(
    x=alt.X("month:T").title("Month (UTC)").axis(format="%Y", tickCount=10),
    y=alt.Y("reach:N").title("Missile class"),
    size=alt.Size("missiles:Q").title("Missiles in the month").scale(range=[30, 700]),
    color=alt.Color("reach:N").title("Missile class"),
    opacity=alt.when(pick & pick_menu).then(alt.value(0.85)).otherwise(alt.value(0.15)),
    tooltip=[alt.Tooltip("month:T", title="Month", format="%b %Y"),
             alt.Tooltip("reach:N", title="Class"), alt.Tooltip("missiles:Q", title="Missiles")],
).add_params(pick, pick_menu).properties(width=680, height=200)

# %%
annotated_timeline(
    circles, markers, levels=4,
    title="North Korean missile launches per month, 2017–2026, and the events around the pause",
    description="Timeline with two lanes, long-range (IRBM or ICBM) and other missiles, where a circle's "
                f"size is the number launched that month, January 2017 to {monthly['month'].max():%B %Y}, "
                "with the moratorium, Hanoi, the end of the pause, the nuclear law, the two-states line, the "
                "Russia treaty and the Hwasong-19 marked.",
)

# %% How this sentence is computed tags=["hide-input"]
long_range = monthly.query("reach == 'IRBM or ICBM'").reset_index(drop=True)
gaps = long_range["month"].diff()
back = long_range.loc[gaps.idxmax(), "month"]
plenum = events.set_index("event_id").loc["E098", "date"]
sl.takeaway(
    f"The longest stretch without an IRBM or ICBM launch runs from {long_range.loc[gaps.idxmax() - 1, 'month']:%B %Y} "
    f"to {back:%B %Y}, over the whole diplomacy of 2018–2019. Long-range launches came back about "
    f"{(back - plenum).days / 365.25:.0f} years after the party plenum of December 2019 said the pause no longer bound the North."
)

# %% [markdown]
# ## Argument 1 — was there a policy process after Hanoi?
# The article's first argument was that the talks lacked a **policy process**: a working-level
# channel that prepares and follows up what leaders agree (lesson 03). After Hanoi, what contacts
# does the record hold, year by year, and did they happen?

# %%
after_hanoi = contacts.query("date > '2019-02-28'")
pd.crosstab(after_hanoi["date"].dt.year, after_hanoi["happened"])

# %% [markdown]
# A letter that arrives is not a negotiation. The column `contact_type` separates **meetings**
# of the two sides from **letters or messages**: a *negotiation held* is a meeting that took
# place and was not only about logistics; a *channel used* is a letter or message that reached
# the other side and was acknowledged (`held` or `announced`).

# %%
talks = after_hanoi.query("contact_type == 'meeting' and happened == 'held' and not logistics_only")
last_talks = talks.sort_values("date").iloc[-1]
after_talks = contacts[contacts["date"] > last_talks["date"]]
after_talks[["date", "channel", "contact_type", "happened", "initiated_by", "outcome"]]

# %% How this sentence is computed tags=["hide-input"]
reached = after_talks.query("contact_type == 'letter or message' and happened in ['held', 'announced']")
not_taken_up = after_talks.query("happened in ['no response', 'refused']")
meetings_held = after_talks.query("contact_type == 'meeting' and happened == 'held'")
sl.takeaway(
    f"After Hanoi the table records {len(talks)} negotiations held, the last on {last_talks['date']:%-d %B %Y} "
    f"({last_talks['contact_id']}). After it the table has {len(meetings_held)} meetings held, but channels were still "
    f"used: {len(reached)} letters or messages reached Pyongyang and were acknowledged "
    f"({', '.join(sorted(set(reached['date'].dt.strftime('%B %Y'))))}), and {len(not_taken_up)} US attempts "
    f"({', '.join(sorted(set(not_taken_up['date'].dt.strftime('%Y'))))}) were ignored, refused or unanswered."
)

# %% [markdown]
# **The verdict, and the strongest counter-argument.** The first version of this lesson said
# that after Stockholm there was no channel at all. The record says something narrower:
# *channels were used* (leaders' letters still reached Pyongyang and were acknowledged, the
# second warmly, S107, and a new administration reached out through several routes), but *no
# negotiation was held*.
# That fits the article's diagnosis of a missing working-level process, though it no longer tests
# it. The strongest counter-argument has two parts. First, the missing process is a *result*, not
# a cause: letters and outreach continued, so what was missing was a side willing to negotiate.
# Pyongyang said it would ignore US approaches until Washington dropped its "hostile policy" (S108),
# that its weapons were not open to bargaining (S081), and that talks would wait until the US
# accepted its nuclear status (S093, S094, S097). Second, an outside cause: from the end of January
# 2020 North Korea shut its air and rail links with China against COVID-19
# (`yonhap-2020-01-31-north-korea-closes-air-train-routes-china`), and a closed country is hard to
# meet in whatever either side wants. The closure had no single end date: it eased in steps, with
# the first Air Koryo flight to Beijing since 2020 and the return of citizens abroad in August 2023
# (`reuters-2023-08-27-north-korea-approves-return-citizens-abroad`), and Western tourists let into
# Rason alone from 20 February to early March 2025 (local dates;
# `anews-2025-02-26-western-tourists-cross-into-north-korea`,
# `anews-2025-03-06-north-korea-closes-rason-to-foreign-tourism`). Treat it as a rival explanation
# to check, not a finding. And absence from our table is not proof that no quiet contact took place.

# %% [markdown]
# ## Argument 2 — what did each side now put first?
# The second argument was about **sequencing**: each side wanted its own priority first
# (lesson 04). What did the capitals say after 2019? Here is every statement in the table since
# 2020, in date order (local dates):

# %%
since = statements.query("date >= '2020-01-01'").sort_values("date")
since[["statement_id", "date", "party", "speaker", "topic", "paraphrase"]]

# %%
pd.crosstab(since["party"], since["topic"]).loc[lambda t: t.sum(axis="columns") > 0]

# %% [markdown]
# **Perspectives from each capital**, in the course's words and from the rows above:
# - **Pyongyang** moved from offering steps on Yongbyon for partial relief (lesson 06) to a claim
#   of permanent nuclear status. In 2020 it welcomed Trump's letter while warning that personal
#   ties were not policy (S107); in 2021 it said it would ignore US approaches (S108); the 2022 law
#   put the weapons beyond bargaining (S081); the South became a hostile state (S084); in 2025 talks
#   with Washington were offered only if the US gave up denuclearization as a goal (S093, S094); and
#   in 2026 Kim said relations could be good if the US respected the North's "present nuclear
#   position" (S097). To Tokyo it said that an offered summit was of no interest while Japan pressed
#   the abductions (S104, S105).
# - **Washington** did not speak with one voice. The Biden administration kept complete
#   denuclearization as the goal but promised a "calibrated, practical approach" open to diplomacy
#   (S109), and its outreach went unanswered. In 2025 Trump himself called the North a "nuclear
#   power" (S110, S111) and, in October, "sort of a nuclear power"
#   (`spacewar-afp-2025-10-25-trump-north-korea-sort-of-nuclear-power`), while the White House
#   restated the goal of a fully denuclearized North (S092, and the official quoted in S111) and
#   offered talks and letters (S091, S096). It condemned the Russian veto that ended UN sanctions
#   monitoring (S086).
# - **Seoul** swung with its governments: President Moon asked the UN in 2020 for a declaration
#   ending the Korean War as the door to denuclearization (S113); President Yoon called the North's
#   hostile-state line anti-national (S085); President Lee told the UN that denuclearization was not
#   near (S095) and set out a three-stage plan, freeze first, then reduction, then dismantlement
#   (S112); the government called the North's confirmation of its troops in Russia the admission of
#   a criminal act (S090).
# - **Beijing** said its position was unchanged: a political settlement through dialogue that meets
#   each side's concerns, including the North's (S080, S082, S083). It also put the blame on
#   Washington: in September 2023 its spokesperson said the process begun in 2018 had stalled
#   mainly because the US had not answered the North's denuclearization steps (S121). And it acted:
#   with Moscow it vetoed new sanctions in May 2022, arguing that more sanctions would not help (S106).
# - **Moscow**, now a party, joined that veto, argued that the sanctions had lost their point (S087)
#   and signed a mutual-assistance treaty with Pyongyang (S088, S089).
# - **Tokyo** is not a party to the US–DPRK talks but lives under the missiles. It called the 2017
#   and 2022 overflights grave threats and pressed for sanctions (S098, S101, S102), welcomed
#   Singapore as a "first step" while saying it must settle the abductions itself (S099), backed
#   Trump's walk-out at Hanoi (S100), and in 2024 sought a summit of its own, which Pyongyang made
#   public and then refused (S103, S104, S105).

# %% How this sentence is computed tags=["hide-input"]
dprk = since.query("party == 'DPRK'")
us = since.query("party == 'US'")
on_status = int((dprk["topic"] == "nuclear status").sum())
us_status = us.query("topic == 'nuclear status'")["statement_id"]
sl.takeaway(
    f"Of the {len(dprk)} North Korean statements since 2020 in the table, {on_status} are coded as about its "
    f"nuclear status (the coding is ours; others touch it too). Of the {len(us)} US ones, "
    f"{len(us_status)} ({', '.join(us_status)}) are the president's own remarks calling the North a nuclear "
    f"power, which his White House followed by restating denuclearization as the aim. The sides no longer "
    f"disagree only about the order of steps, but about whether the goal exists, and Washington's own "
    f"statement of the goal has wavered."
)

# %% [markdown]
# **The verdict, and the strongest counter-argument.** The article argued that the two sides'
# priorities could not both come first. After 2019 the gap widened from *order* to *goal*, which
# supports the diagnosis. The strongest counter-argument is that the priorities themselves moved
# after Hanoi failed and after Russia became a patron (E143): the sequencing problem of 2018 may
# have been bridgeable then and have hardened because of what came after, not because it was
# insoluble from the start. The US side's own goal also wavered in public (S110, S111). The later
# record cannot tell these stories apart.

# %% [markdown]
# ## Argument 3 — any road map, declaration or freeze?
# The third argument was about the **road map**: without a freeze, a declaration (an inventory
# of weapons, material and facilities) and verification, the arsenal would keep growing
# (lesson 05). No road map was agreed and no declaration made; the freeze on long-range tests
# ended in 2022. What happened to the estimates of the arsenal? Here are SIPRI's Yearbook figures,
# 2016–2025. Read them with care: **from 2022 SIPRI counts assembled warheads**, while its
# earlier figures counted what the estimated fissile material could make (see the codebook).

# %%
sipri = (
    estimates.query("estimator == 'SIPRI Yearbook'")
    .assign(counted=lambda t: t["quantity"].astype(str).map(
        {"warheads": "warheads (as SIPRI counts them)", "fissile material for weapons": "material for weapons"}))
    [["estimate_id", "as_of", "counted", "low", "high", "source_id"]]
)
sipri

# %%
base = alt.Chart(sipri).encode(
    x=alt.X("as_of:T").title("Estimate as of (January of each year)"),
    color=alt.Color("counted:N").title("What is counted"),
    shape=alt.Shape("counted:N").title("What is counted"),
    tooltip=[alt.Tooltip("as_of:T", title="As of", format="%b %Y"), alt.Tooltip("counted:N", title="Counted"),
             alt.Tooltip("low:Q", title="Low"), alt.Tooltip("high:Q", title="High"),
             alt.Tooltip("source_id:N", title="Source")],
)
ranges = base.mark_rule(strokeWidth=3).encode(y=alt.Y("low:Q").title("Warheads (number)"), y2="high:Q")
highs = base.mark_point(filled=True, size=80).encode(y="high:Q")
change = pd.DataFrame({"date": [pd.Timestamp("2022-01-01")], "label": ["SIPRI counts assembled warheads"],
                       "summary": ["From the 2022 Yearbook on, assembled warheads; material given separately"]})

# %%
annotated_timeline(
    (ranges + highs).properties(width=620, height=260), change, levels=1,
    title="SIPRI's estimates of North Korea's nuclear weapons, 2016–2025",
    description="Points and ranges of SIPRI Yearbook estimates by the January they describe, marked by what "
                "is counted, with a rule at January 2022 where SIPRI switched to counting assembled warheads.",
)

# %% How this sentence is computed tags=["hide-input"]
assembled = sipri.query("counted.str.startswith('warheads') and as_of >= '2022-01-01'").set_index("as_of")["high"]
sl.takeaway(
    f"Counting like with like, SIPRI's assembled warheads rose from at most {assembled.iloc[0]:.0f} in "
    f"January {assembled.index[0]:%Y} to about {assembled.iloc[-1]:.0f} in January {assembled.index[-1]:%Y}. "
    f"Comparing the 2021 and 2022 figures would show a fall that is only a change of definition."
)

# %% [markdown]
# **The verdict, and the strongest counter-argument.** The article expected that without a road
# map the arsenal would grow, and by every estimate here it did. The strongest counter-argument is
# that this is a prediction about *no deal*, not about the *kind* of deal: it cannot show that a
# road map starting with a declaration would have been accepted, or kept. The North's own account
# (S094) is that no sequence would have bought its weapons, because it would not trade them for
# relief; if that is true, the road map was never on offer. Seoul's current answer is itself a
# road map that starts with a freeze, Lee's three stages (S112); the North has not taken it up
# in our sources, which fits the counter-argument that the missing piece was not the design.

# %% [markdown]
# ## The forecasts at longer horizons
# Lesson 06 scored forecasts about 2019. The same statements can be read at later dates: would
# two formal working-level rounds happen by 2020, 2022, 2024? Would an agreed order of steps?
# Would Trump's confidence that Kim would not resume nuclear or ICBM tests hold? Only what was
# said **before** the outcome counts: every forecast here is the original 2019 statement, and no
# later word is scored. First, the rule, checked on the rows:

# %%
series_of = {"F03": "two working-level rounds", "F05": "an agreed order of steps", "C05": "no nuclear test or ICBM"}
series_of |= {f"H{i:02d}": name for i, name in zip(range(1, 10), [*["two working-level rounds"] * 3,
              *["an agreed order of steps"] * 3, *["no nuclear test or ICBM"] * 3])}
horizons = forecasts[forecasts["forecast_id"].isin(list(series_of))].assign(
    series=lambda t: t["forecast_id"].map(series_of), horizon=lambda t: t["resolution_date"].dt.year)
bool((horizons["stated_date"] < horizons["resolution_date"]).all())

# %%
scored = horizons.assign(squared_error=fc.brier_components(horizons["probability"], horizons["outcome"]))
scored.pivot_table(index="series", columns="horizon", values="squared_error").round(3)

# %% [markdown]
# The same Brier machinery as lesson 06, by horizon and side (`fc.score_table`):

# %%
by_horizon = fc.score_table(horizons, by=["horizon", "stance"])
by_horizon[["horizon", "stance", "n", "brier", "skill_vs_uniform"]].round(3)

# %%
pick_series, pick_series_menu = legend_or_menu(scored, "series", "Question")
alt.Chart(scored).mark_line(point=True).encode(
    x=alt.X("horizon:O").title("Horizon (end of year)"),
    y=alt.Y("squared_error:Q").title("Squared error (0 best, 1 worst)").scale(domain=[0, 1]),
    color=alt.Color("series:N").title("Question"),
    strokeDash=alt.StrokeDash("series:N").title("Question"),  # each question its own dash, not colour alone
    opacity=alt.when(pick_series & pick_series_menu).then(alt.value(1.0)).otherwise(alt.value(0.2)),
    tooltip=[alt.Tooltip("forecast_id:N", title="Forecast"), alt.Tooltip("forecaster:N", title="Forecaster"),
             alt.Tooltip("horizon:O", title="Horizon"), alt.Tooltip("probability:Q", title="Probability"),
             alt.Tooltip("outcome:N", title="Outcome"), alt.Tooltip("squared_error:Q", title="Squared error", format=".3f")],
).add_params(pick_series, pick_series_menu).properties(
    width=520, height=260, title="The same forecasts scored at later horizons",
    description="Line chart of each question's squared error at the 2019, 2020, 2022 and 2024 horizons: the "
                "article's two forecasts stay low, Trump's forecast of no nuclear or ICBM test rises in 2022.",
)

# %% How this sentence is computed tags=["hide-input"]
article = by_horizon.query("stance == 'article'").set_index("horizon")["brier"]
trump = scored.query("series == 'no nuclear test or ICBM'").set_index("horizon")["squared_error"]
steady = "at every horizon" if article.nunique() == 1 else "at worst"
sl.takeaway(
    f"The article's forecasts score {article.max():.3f} {steady} from {article.index.min()} to "
    f"{article.index.max()}; Trump's scores {trump.loc[2020]:.3f} at 2020 and {trump.loc[2022]:.3f} from 2022, "
    f"when ICBM launches resumed. At longer horizons 'nothing will happen' stayed right, and "
    f"'nothing bad will happen' went wrong."
)

# %% [markdown]
# **The strongest counter-argument.** Reading a 2019 forecast at 2024 asks it something its
# author never said: the article wrote about the next summit and its aftermath, not about five
# years of silence. And a forecast that talks will fail scores well whenever talks stop for any
# reason, including reasons the article never named, such as a new patron in Moscow (E143).
# Good scores at long horizons are evidence that the pessimism was right, not that its
# reasons were.

# %% [markdown]
# ## The article's claims, tested on 2019–2026
# | argument | what 2019–2026 shows | verdict | strongest counter-argument |
# |---|---|---|---|
# | process | channels used (letters reached Pyongyang) but no negotiation held after Stockholm; later US approaches ignored, refused or unanswered | consistent on negotiation, wrong if read as "no channel" | letters and outreach continued, so the missing piece was a willing partner; the 2020 border closure is an outside cause |
# | sequencing | the gap moved from the order of steps to the goal itself | supported, with a caveat | priorities may have hardened *because* Hanoi failed |
# | road map | no freeze, no declaration; the arsenal grew by every estimate | supported as "no deal, more weapons" | it cannot show that a better road map would have been accepted |
#
# *Read across the rows: after 2019 each argument is confirmed mostly by absence, which is the
# weakest kind of confirmation, because an absence has many causes.*

# %% [markdown]
# ## Theory and further reading
# **The bargaining model of war** (Fearon 1995, `fearon-1995-rationalist-explanations-for-war`)
# asks why two sides fail to strike a deal that both would prefer to conflict. One of its two
# answers is the **commitment problem**: a side will not accept a deal today if it expects the
# other to exploit it tomorrow, when the balance has shifted. Denuclearization is a pure case: the
# concession (the weapons) is hard to undo, while the other side's promises (sanctions relief,
# security guarantees) can be withdrawn. Kim's 2025 remark about what happens to states that
# give up their weapons (S094) states the commitment problem in his own terms.
#
# A second strand is **costly signals** (Fearon 1997, `fearon-1997-tying-hands-sinking-costs`): a leader can make a threat or a stance
# credible by *tying his hands*, raising the cost of backing down. One reading of the record is
# that writing nuclear status into law (E134) tied the North's hands against trading it away. That
# reading is disputed. The 2022 law replaced a law of 2013 that already declared the North a
# nuclear weapons state (`kcnawatch-2013-04-01-law-consolidating-nuclear-weapons-state`,
# `apln-2022-comparing-north-korea-nuclear-laws`); the constitution named its nuclear status in 2012
# (`nknews-2022-09-north-korea-new-nuclear-law-more-dangerous`) and again, more firmly, in 2023
# (`manilastandard-afp-2023-09-28-nuclear-status-in-constitution`). And Fearon's mechanism works
# through *audience costs*, the price a leader pays at home for backing down, which are hard to
# see in a one-party state. So the 2022 law is at most one more knot, not the moment the hands were tied.
#
# **Verification** theory (Coe and Vaynman 2020, `coe-vaynman-2020-why-arms-control-is-so-rare`)
# explains why arms control is rare: the inspections needed to trust a deal can reveal enough to
# endanger the inspected state; a declaration of a hidden arsenal is exactly such a disclosure.
#
# **Discussion question (theory against data).** The tying-hands logic expects that after the
# September 2022 law (or the 2013 law it replaced) Pyongyang would stop offering anything on its
# weapons and would show them more, not less. Use `statements` and `missile_launches`: does any North Korean statement after
# September 2022 offer talks about its weapons? How many ICBM launches came before the law, and how
# many after? Does the evidence fit the theory, and what else could produce the same pattern?

# %% [markdown]
# ## Discussion
# 1. Which of the three arguments would you now rank first, and would you have ranked it first
#    in 2019? What changed your mind, if anything did?
# 2. Every verdict above rests partly on something that did *not* happen. How can an analyst
#    tell an absence caused by the article's mechanism from an absence with other causes?
# 3. The table switches from CNS to nagix in April 2023, and after that date counts follow Seoul
#    or Tokyo. Using `launch_reports`, how much would the 2024 and 2026 totals change if you counted
#    Pyongyang's numbers instead? Which choice would you defend, and why?
# 4. Moscow became a party after 2022. Does the article's framework (a US–DPRK negotiation)
#    still fit a problem with a third nuclear power on the North's side?
#
# ## Keypoints
# - The moratorium's scope held until 2022: the first launch the table classes as an ICBM after
#   November 2017 came in March 2022, though the Pentagon tied two launches just before it to the new
#   ICBM system; 2022 set the launch record; no nuclear test is in the table after 2017.
# - After the Stockholm talks of October 2019 channels were still used (letters reached Kim and
#   were acknowledged) but no negotiation was held; later US approaches were ignored, refused or
#   unanswered. Separate channels from negotiations before judging "no process".
# - The sides' disagreement moved from the order of steps to the goal: Pyongyang now conditions
#   talks on the US dropping denuclearization.
# - SIPRI changed what it counts in 2022: compare assembled warheads with assembled warheads.
# - Scored at later horizons, the article's pessimism keeps its good score, and Trump's 2019
#   confidence loses it in 2022; good scores for "nothing will happen" are weak evidence for why.
#
# ## Next
# - Exercises: [exercises/07-after-hanoi.ipynb](../exercises/07-after-hanoi.ipynb) (45 minutes).
# - This is the last lesson. Go back to [lesson 00](00-start-here.ipynb) for the course map, or
#   pick a question the course did not score and write your own forecast for 2027.
# - The [capstone](../capstone/README.md): a question of your own, answered as a short piece with
#   two charts, a forecast and the strongest counter-argument.
#
# ## References

# %% How the reference list is built tags=["hide-input"]
used = [
    "washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect",
    *launches.query("date_utc >= '2020-01-01'")["source_id"], *markers["source_id"],
    *launches.query("date_utc >= '2020-01-01'")["check_source_id"].dropna(),
    *launches.query("date_utc >= '2020-01-01'")["count_source_id"], *reports["source_id"],
    *after_hanoi["source_id"], *since["source_id"], *since["primary_source_id"].dropna(), *sipri["source_id"],
    *horizons["source_id"], *horizons["outcome_source_id"],
    "fearon-1995-rationalist-explanations-for-war", "fearon-1997-tying-hands-sinking-costs",
    "coe-vaynman-2020-why-arms-control-is-so-rare", "crs-if10541-defense-primer-ballistic-missile-defense",
    "yonhap-2020-01-31-north-korea-closes-air-train-routes-china", "kcnawatch-2013-04-01-law-consolidating-nuclear-weapons-state",
    "reuters-2023-08-27-north-korea-approves-return-citizens-abroad",
    "anews-2025-02-26-western-tourists-cross-into-north-korea", "anews-2025-03-06-north-korea-closes-rason-to-foreign-tourism",
    "apln-2022-comparing-north-korea-nuclear-laws", "nknews-2022-09-north-korea-new-nuclear-law-more-dangerous",
    "manilastandard-afp-2023-09-28-nuclear-status-in-constitution",
]
sl.references([used[0], *sorted(set(map(str, used[1:])) - {used[0]})])
