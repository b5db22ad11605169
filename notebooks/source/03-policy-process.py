# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 03 · The policy process: who negotiated, through which channel, and did it work?
#
# The first argument of the seed article (Rapp-Hooper, *Monkey Cage*, 24 January 2019, source
# `washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`) is about *process*, not
# substance. In our paraphrase: after the Singapore summit of June 2018 there was no working
# US policy process below the two leaders. Diplomacy ran through Donald Trump and Kim Jong Un
# themselves — their letters and their summits — while the channel that should have done the
# detailed bargaining, led by Secretary of State Mike Pompeo and, from August 2018, Special
# Representative Stephen Biegun, was starved: meetings were put off, trips called off, and the
# North Koreans preferred to deal with the president. The article argues that a *standing
# channel* of a few technical experts on each side was the missing first step.
#
# A few terms first. The [**working level**](../docs/glossary.md#working-level) (or *envoy level*) is the negotiators below
# cabinet rank — special representatives, assistant secretaries, their teams and military
# officers — who draft texts and settle details. A **standing channel** is a negotiating
# forum whose members meet again and again on an agreed agenda, whatever the news of the day.
# **Denuclearization** is the removal of nuclear weapons and the means to make them; what it
# should cover, and in what order, was itself in dispute (lesson 04). A **moratorium** is a
# declared pause — here, North Korea's pause in nuclear and long-range missile tests.
#
# **Objectives.** By the end of this lesson you can:
# - *chart* US–DPRK contacts by channel over time, marking which ones actually happened;
# - *compute* the share of contacts held at each level and the gaps between working-level meetings;
# - *compare* the 2018–2019 channel with the 1993–94 talks and the Six-Party Talks of 2003–2008;
# - *evaluate* the article's claim against the strongest case for leader-level diplomacy;
# - *explain* what a standing channel would have needed: who, how often, with what mandate.
#
# **Prerequisites:** lessons 00 (how the course works), 01 (from crisis to summit) and 02
# (the Singapore statement); pandas `groupby` and Altair encodings as used there.
# {estimated_time}
# **Data used:** [`negotiation_contacts`](../data/codebook/negotiation_contacts.md),
# [`earlier_talks`](../data/codebook/earlier_talks.md), [`events`](../data/codebook/events.md),
# [`missile_launches`](../data/codebook/missile_launches.md),
# [`nuclear_tests`](../data/codebook/nuclear_tests.md) and
# [`statements`](../data/codebook/statements.md).

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab.charts import annotated_timeline, legend_or_menu

sl.use_theme()

# %% [markdown]
# **Code new in this lesson.** Beyond the primer and lessons 01–02, this lesson uses:
# - `pd.crosstab(a, b)`: counts of each pair of values of two columns (a two-way table).
# - `pd.period_range(start, end, freq="M")`: every month between two dates.
# - `.transform("sum")` after `groupby`: each group's total, repeated on every row of the group (for shares).
# - `.shift()`: the previous row's value; `.diff()`: the difference from the previous row.
# - `.str.extract(pattern)`: the part of each text that a regular expression captures.
# - `.fillna(value)`: fill missing values; `.drop_duplicates()`: keep each distinct row once.
# - Altair: `alt.YOffset` places marks side by side within a row; `alt.X2` gives a bar's end (x to x2);
#   `alt.selection_interval(encodings=["x"])` lets the reader drag over a range;
#   `mark_circle` with `alt.Size` draws dots sized by a number.

# %% [markdown]
# ## Which channels carried US–DPRK contact, month by month?
# Each row of `negotiation_contacts` is one contact between the two governments from March
# 2018 to October 2019: a meeting, a leaders' letter, or a meeting that was planned and did
# not take place. The `channel` column gives its level; `happened` says what became of it.
# Dates are **local** where the contact took place.
#
# We group `happened` into three outcomes. *Held* contacts took place. *Called off* contacts
# were cancelled, postponed or refused. *Announced only* contacts are known from a public
# mention alone: for a letter, that it was reported without a delivery date; for a meeting,
# that it was proposed.

# %%
OUTCOME = {"held": "held", "announced": "announced only",
           "cancelled": "called off", "postponed": "called off", "refused": "called off"}
LEVELS = ["leader summit", "leader letter", "ministerial", "envoy or working level"]

contacts = sl.load("negotiation_contacts").query("date <= '2019-12-31'")  # 2025 rows: lesson 07
contacts = contacts.assign(
    outcome_group=contacts["happened"].map(OUTCOME).astype("string"),
    month=contacts["date"].dt.to_period("M").dt.to_timestamp(),
)
pd.crosstab(contacts["channel"], contacts["outcome_group"], margins=True)

# %% [markdown]
# The swim-lane chart below gives each channel its own lane. The **shape** of a mark says
# whether the contact was held (circle), called off (cross) or only announced (triangle), so
# the chart reads without colour. Click a shape in the legend to pick one outcome; hover over
# a mark for who met and what came of it. Dashed rules mark three events from the chronology
# that frame the period.

# %%
pick, pick_menu = legend_or_menu(contacts, "outcome_group", "Outcome")
outcome_scale = alt.Scale(domain=["held", "called off", "announced only"])
lanes = (
    alt.Chart(contacts)
    .mark_point(size=120, filled=True)
    .encode(
        x=alt.X("date:T").title("Date (local)").axis(format="%b %Y", tickCount=8),
        y=alt.Y("channel:N").title("Channel").sort(LEVELS),
        shape=alt.Shape("outcome_group:N").title("Outcome").scale(
            domain=outcome_scale.domain, range=["circle", "cross", "triangle-up"]),
        color=alt.Color("outcome_group:N").title("Outcome").scale(outcome_scale),
        opacity=alt.when(pick & pick_menu).then(alt.value(1)).otherwise(alt.value(0.15)),
        tooltip=[
            alt.Tooltip("date:T", title="Date (local)", format="%d %b %Y"),
            alt.Tooltip("channel:N", title="Channel"),
            alt.Tooltip("happened:N", title="What happened"),
            alt.Tooltip("us_participant:N", title="US side"),
            alt.Tooltip("dprk_participant:N", title="DPRK side"),
            alt.Tooltip("outcome:N", title="Outcome"),
        ],
    )
    .add_params(pick, pick_menu)
    .properties(height=240, width=640)
)

# %%
events = sl.load("events")
frame_ids = {"E034": "Test moratorium announced", "E055": "Remains returned",
             "E076": "Short-range launches resume"}
key_events = events[events["event_id"].isin(list(frame_ids))].assign(label=lambda t: t["event_id"].map(frame_ids))
annotated_timeline(
    lanes,
    key_events,
    title="US–DPRK contacts by channel, March 2018 – October 2019",
    description="Swim-lane timeline with one lane per channel (leader summit, leader letter, "
                "ministerial, envoy or working level); each contact is a mark whose shape shows "
                "whether it was held, called off or only announced.",
)

# %% How this sentence is computed tags=["hide-input"]
per_month = (
    contacts.query("outcome_group == 'held'")
    .pivot_table(index="month", columns="channel", values="contact_id",
                 aggfunc="count", fill_value=0, observed=False)
)
months = pd.period_range("2018-03", "2019-10", freq="M")
wl_months = per_month.loc[per_month["envoy or working level"] > 0].index.to_period("M")
sl.takeaway(
    f"Of the {len(months)} months from March 2018 to October 2019, a working-level meeting "
    f"was held in only {len(wl_months)}; {int(per_month['leader letter'].sum())} leader "
    f"letters were delivered and {int(per_month['leader summit'].sum())} summits held in the same period."
)

# %% [markdown]
# ## What share of contacts at each level happened as planned?
# A channel that works is one where planned meetings take place. For each channel we count
# the contacts, and how many were held, called off or only announced. Read the letters'
# column with care: an *announced only* letter was sent, but we know of it only from a public
# mention without a delivery date — that is a gap in the record, not a failure.

# %%
by_level = (
    contacts.groupby(["channel", "outcome_group"], observed=True)
    .size()
    .rename("contacts")
    .reset_index()
    .assign(share=lambda t: t["contacts"] / t.groupby("channel", observed=True)["contacts"].transform("sum"))
)
by_level.pivot(index="channel", columns="outcome_group", values="share").round(2)

# %%
(
    alt.Chart(by_level)
    .mark_point(size=150, filled=True)
    .encode(
        x=alt.X("share:Q").title("Share of the channel's contacts").axis(format="%").scale(domain=[0, 1]),
        y=alt.Y("channel:N").title("Channel").sort(LEVELS),
        yOffset=alt.YOffset("outcome_group:N").scale(domain=outcome_scale.domain),
        shape=alt.Shape("outcome_group:N").title("Outcome").scale(
            domain=outcome_scale.domain, range=["circle", "cross", "triangle-up"]),
        color=alt.Color("outcome_group:N").title("Outcome").scale(outcome_scale),
        tooltip=[
            alt.Tooltip("channel:N", title="Channel"),
            alt.Tooltip("outcome_group:N", title="Outcome"),
            alt.Tooltip("contacts:Q", title="Contacts"),
            alt.Tooltip("share:Q", title="Share", format=".0%"),
        ],
    )
    .properties(
        title="How often each channel's contacts were held, called off or only announced",
        description="Dot chart with one row per channel and one mark per outcome, placed at the "
                    "share of that channel's contacts with that outcome.",
        height=180,
    )
)

# %% How this sentence is computed tags=["hide-input"]
called_off = by_level.query("outcome_group == 'called off'").set_index("channel")["contacts"]
summit_off = contacts.query("channel == 'leader summit' and outcome_group == 'called off'").iloc[0]
summit_back = contacts.query("contact_id == '2018-06-01-singapore-summit-reinstated'").iloc[0]
sl.takeaway(
    f"Contacts called off, by channel: leader letters {called_off.get('leader letter', 0)}, leader summits "
    f"{called_off.get('leader summit', 0)}, ministerial {called_off.get('ministerial', 0)}, working level "
    f"{called_off.get('envoy or working level', 0)}. The summit is Singapore: Trump cancelled it on "
    f"{summit_off['date']:%-d %B %Y} and it was back on by {summit_back['date']:%-d %B}. The leaders' "
    f"channel failed least, but not never."
)

# %% [markdown]
# ## How long were the gaps between working-level meetings?
# A standing channel meets often. We take the working-level contacts that were held, sort
# them by date and measure the days from each meeting to the next (start date to start date).
# Each bar spans one gap; the leader summits are drawn over them.

# %%
held_wl = contacts.query("channel == 'envoy or working level' and happened == 'held'").sort_values("date")
working = (
    held_wl.assign(previous=lambda t: t["date"].shift())
    .assign(gap_days=lambda t: (t["date"] - t["previous"]).dt.days)
    .dropna(subset=["previous"])
)
working[["previous", "date", "gap_days", "contact_id"]]

# %%
gaps = alt.Chart(working).mark_rule(strokeWidth=8).encode(
    x=alt.X("previous:T").title("Date (local)").axis(format="%b %Y", tickCount=8),
    x2=alt.X2("date"),
    y=alt.Y("gap_days:Q").title("Days since previous working-level meeting"),
    tooltip=[alt.Tooltip("previous:T", title="Previous meeting", format="%d %b %Y"),
             alt.Tooltip("date:T", title="Next meeting", format="%d %b %Y"),
             alt.Tooltip("gap_days:Q", title="Gap (days)"), alt.Tooltip("outcome:N", title="Next meeting's outcome")],
)
summits = (
    contacts.query("channel == 'leader summit' and happened == 'held'")
    .assign(label=lambda t: t["location"].str.extract(r"^(\w+)", expand=False) + " summit",
            summary=lambda t: t["outcome"])
)
annotated_timeline(
    gaps, summits,
    title="Gaps between held working-level meetings, 2018–2019 (days)",
    description="Floating bars, each spanning the time from one held working-level meeting to the "
                "next, at a height equal to the gap in days, with the three leader summits marked.",
)

# %% How this sentence is computed tags=["hide-input"]
longest = working.loc[working["gap_days"].idxmax()]
near_summit = held_wl["date"].apply(lambda d: ((summits["date"] - d).dt.days.between(0, 30)).any())
sl.takeaway(
    f"The longest stretch without a working-level meeting ran {int(longest['gap_days'])} days, "
    f"from {longest['previous']:%-d %B %Y} to {longest['date']:%-d %B %Y}. Of the "
    f"{len(held_wl)} working-level meetings held, {int(near_summit.sum())} fell in the 30 days "
    f"before a summit: the channel worked mostly as summit preparation."
)

# %% [markdown]
# Not every held meeting was a negotiation. Two working-level rows only arranged logistics or
# security for a summit (the `logistics_only` column): the advance teams in Singapore and the
# night-time meeting at Panmunjom before the DMZ meeting. Count with and without them.

# %% How this sentence is computed tags=["hide-input"]
substantive = held_wl[~held_wl["logistics_only"]]
sub_gaps = substantive["date"].diff().dt.days
sl.takeaway(
    f"Of the {len(held_wl)} working-level meetings held, {len(held_wl) - len(substantive)} only arranged "
    f"logistics or security, leaving {len(substantive)} that discussed substance; without them the "
    f"longest gap between meetings is {int(sub_gaps.max())} days."
)

# %% [markdown]
# When working-level talks finally happened, what came of them? The table lists the held
# working-level meetings of 2019 with the outcome recorded in the data.

# %%
held_wl.query("date.dt.year == 2019")[["date", "location", "us_participant", "dprk_participant", "outcome"]]

# %% How this sentence is computed tags=["hide-input"]
stockholm = contacts.query("contact_id == '2019-10-05-stockholm-talks'").iloc[0]
sl.takeaway(
    f"The first full working-level round after Hanoi, in {stockholm['location']} on "
    f"{stockholm['date']:%-d %B %Y}, ended with the two sides describing the same meeting in "
    f"opposite terms: one said the talks broke down, the other that they were good discussions."
)

# %% [markdown]
# ## How does this compare with a process that had a standing channel?
# Two earlier negotiations had one. In **1993–94** US and DPRK delegations under Robert
# Gallucci and Kang Sok Ju met in numbered rounds in New York and Geneva until they signed the
# **Agreed Framework** (a deal to freeze the North's graphite-moderated reactors, which make
# plutonium, in return for light-water reactors, heavy fuel oil and steps toward normal
# relations). The **Six-Party Talks** (China, both Koreas, Japan,
# Russia, the United States) met in Beijing from 2003 to 2008 in rounds, heads-of-delegation
# meetings and working groups. The `earlier_talks` table has one row per session. It
# undercounts: bilateral side meetings and other channels are not rows (see its codebook).

# %%
earlier = sl.load("earlier_talks")
earlier = earlier.assign(days=(earlier["end_date"].fillna(earlier["date"]) - earlier["date"]).dt.days + 1)
earlier[["process", "session", "date", "end_date", "level", "us_head", "dprk_head"]]

# %% [markdown]
# To compare like with like we put the 2018–2019 *held* meetings (letters left out) in the
# same shape: one row per session, with its level and its days in session. A session whose
# last day was not verified counts as one day, so the day totals are lower bounds.

# %%
recent = (
    # letters are not sessions: drop the leaders' letters and Kim Yong Chol's letter to Pompeo
    contacts.query("happened == 'held' and not contact_id.str.contains('letter')")
    .assign(process="2018-19 US-DPRK contacts", level=lambda t: t["channel"].astype("string"),
            days=lambda t: (t["end_date"].fillna(t["date"]) - t["date"]).dt.days + 1)
    [["process", "date", "level", "days"]]
)
sessions = pd.concat([earlier[["process", "date", "level", "days"]].astype({"process": "string", "level": "string"}), recent])
comparison = (
    sessions.groupby(["process", "level"])
    .agg(sessions=("date", "size"), days_in_session=("days", "sum"),
         first=("date", "min"), last=("date", "max"))
    .reset_index()
)
comparison

# %% [markdown]
# Each process is drawn on its own clock: months since its first session. Shape gives the
# level of the session. Drag across the chart to pick a stretch of months and compare how
# densely each process met in it; hover over a mark for its date and length.

# %%
start = sessions.groupby("process")["date"].transform("min")
sessions = sessions.assign(months_in=((sessions["date"] - start).dt.days / 30.44).round(1))
brush = alt.selection_interval(encodings=["x"])
MEETING_LEVELS = ["leader summit", "ministerial", "envoy or working level"]
(
    alt.Chart(sessions)
    .mark_point(size=110, filled=True)
    .encode(
        x=alt.X("months_in:Q").title("Months since the process's first session"),
        y=alt.Y("process:N").title(None),
        yOffset=alt.YOffset("level:N").scale(domain=MEETING_LEVELS),
        shape=alt.Shape("level:N").title("Level").scale(domain=MEETING_LEVELS),
        color=alt.Color("level:N").title("Level").scale(domain=MEETING_LEVELS),
        opacity=alt.when(brush).then(alt.value(1)).otherwise(alt.value(0.3)),
        tooltip=[
            alt.Tooltip("process:N", title="Process"),
            alt.Tooltip("date:T", title="First day (local)", format="%d %b %Y"),
            alt.Tooltip("level:N", title="Level"),
            alt.Tooltip("days:Q", title="Days in session"),
        ],
    )
    .add_params(brush)
    .properties(
        title="Sessions of three US–DPRK processes, on each process's own clock",
        description="Strip chart with one row per process (1993-94 talks, Six-Party Talks, 2018-19 "
                    "contacts); each session is a mark at the months since the process began, "
                    "shaped by level.",
        height=160,
    )
)

# %% How this sentence is computed tags=["hide-input"]
counts = comparison.pivot(index="process", columns="level", values="sessions").fillna(0)
spt = sessions.query("process == 'Six-Party Talks'").sort_values("date")
recent_wl = counts.loc["2018-19 US-DPRK contacts", "envoy or working level"]
recent_leader = counts.loc["2018-19 US-DPRK contacts", "leader summit"]
sl.takeaway(
    f"The earlier processes ran without a single leader meeting; 2018–19 held "
    f"{int(recent_leader)} summits and {int(recent_wl)} working-level meetings, about "
    f"{recent_wl / recent_leader:.1f} per summit. But a standing channel was not a steady one: "
    f"the Six-Party Talks once went {int(spt['date'].diff().dt.days.max())} days from the start of one "
    f"session to the start of the next."
)

# %% [markdown]
# ## The other side of the argument: what did leader-level diplomacy achieve?
# The strongest case for the leaders' channel is that it delivered things the working level
# had not. Three can be checked in the data: a **testing pause** (no nuclear test and no
# intercontinental [**ballistic missile**](../docs/glossary.md#ballistic-missile), or ICBM, launch), the **return of remains** of US
# soldiers from the Korean War, and the **summits themselves**, the first meetings ever of a
# sitting US president and a North Korean leader. Launch dates are **UTC**, as the CNS
# database records them; nuclear-test dates are local. In the chart, *long-range* means an
# ICBM (range over 5,500 km) or an intermediate-range ballistic missile (IRBM, 3,000–5,500 km);
# the other classes are short-range ballistic missiles (SRBM, under 1,000 km), medium-range
# ones (MRBM) and submarine-launched ones (SLBM), as the CNS database classes them. The chart
# counts every CNS row, including the 17 April 2019 test that US officials said was not a
# ballistic missile (`classification_disputed`).

# %%
launches = sl.load("missile_launches").query("date_utc <= '2019-12-31'")  # later years: lesson 07
tests = sl.load("nuclear_tests")
icbm = launches.query("missile_class == 'ICBM'").sort_values("date_utc").iloc[-1]
last_icbm = icbm["date_utc"]
after = launches.query("date_utc > @last_icbm and date_utc <= '2019-12-31'")
after.groupby("missile_class", observed=True).size().rename("missiles launched").to_frame()

# %%
monthly = (
    launches.query("date_utc >= '2017-01-01'")
    .assign(month=lambda t: t["date_utc"].dt.to_period("M").dt.to_timestamp(),
            long_range=lambda t: t["missile_class"].isin(["IRBM", "ICBM"]).map({True: "IRBM or ICBM", False: "shorter range or other"}))
    .groupby(["month", "long_range"]).size().reset_index(name="missiles")
)
bars = alt.Chart(monthly).mark_circle(opacity=0.8).encode(
    x=alt.X("month:T").title("Month (UTC)").axis(format="%b %Y", tickCount=8),
    y=alt.Y("long_range:N").title("Missile class"),
    size=alt.Size("missiles:Q").title("Missiles in the month").scale(range=[40, 600]),
    color=alt.Color("long_range:N").title("Missile class").legend(None),
    tooltip=[alt.Tooltip("month:T", title="Month", format="%b %Y"),
             alt.Tooltip("long_range:N", title="Class"), alt.Tooltip("missiles:Q", title="Missiles")],
).properties(height=170, width=640)

# %%
pause_ids = {"E034": "Moratorium", "E046": "Singapore", "E072": "Hanoi", "E081": "DMZ"}
pause_events = events[events["event_id"].isin(list(pause_ids))].assign(label=lambda t: t["event_id"].map(pause_ids))
annotated_timeline(
    bars, pause_events,
    title="North Korean missile launches per month, 2017–2019",
    description="Timeline with two lanes, long-range (IRBM or ICBM) and other missiles, where a "
                "circle's size is the number of missiles launched that month, January 2017 to "
                "December 2019, with the test moratorium and the three summits marked.",
)

# %% How this sentence is computed tags=["hide-input"]
last_test = tests["date_local"].max()
tests_after = tests.query("date_local > @last_icbm and date_local <= '2019-12-31'")
remains = events.query("event_type == 'remains repatriation'").iloc[0]
n_summits = int((contacts["channel"].eq("leader summit") & contacts["happened"].eq("held")).sum())
n_long = int(after["missile_class"].isin(["ICBM", "IRBM"]).sum())
years = ", ".join(str(y) for y in sorted(set(after["date_utc"].dt.year)))
mix = sl.counts_in_words(after["missile_class"], "{value} {n}")
sl.takeaway(
    f"From the {icbm['missile_name']} launch ({last_icbm:%-d %B %Y}, UTC) to the end of 2019 the data "
    f"record {n_long} IRBM or ICBM launches and {len(tests_after)} nuclear tests (the last was on "
    f"{last_test:%-d %B %Y}). Other missiles did fly: {len(after)}, all in {years} ({mix}), counting "
    f"{int(after['classification_disputed'].sum())} row whose ballistic classification US officials disputed "
    f"(17 April 2019). Remains came home on {remains['date']:%-d %B %Y}, and {n_summits} summits were held."
)

# %% [markdown]
# Two cautions keep this evidence honest. First, the pause covered nuclear and long-range
# tests only, and North Korea announced it before any summit. Second, a standing channel is
# no guarantee of restraint either.

# %% How this sentence is computed tags=["hide-input"]
moratorium = pause_events.query("event_id == 'E034'")["date"].iloc[0]
first_summit = summits["date"].min()
first_trip = contacts.query("contact_id == '2018-03-31-pompeo-kim-easter'")["date"].iloc[0]
sl.takeaway(
    f"The moratorium was decided on {moratorium:%-d %B %Y}, {(first_summit - moratorium).days} days "
    f"before the Singapore summit and {(moratorium - first_trip).days} days after Pompeo's secret "
    f"first meeting with Kim in Pyongyang."
)

# %% How this sentence is computed tags=["hide-input"]
spt_span = (spt["date"].min(), spt["date"].max())
during = tests.query("date_local >= @spt_span[0] and date_local <= @spt_span[1]")
sl.takeaway(
    f"{len(during)} of the {len(tests)} nuclear tests took place between the first and last sessions of the "
    f"Six-Party Talks ({spt_span[0]:%B %Y} – {spt_span[1]:%B %Y}): test "
    f"{', '.join(str(n) for n in during['test_number'])}, on {during['date_local'].min():%-d %B %Y} (local)."
)

# %% [markdown]
# ## Perspectives: how did each government frame the process?
# The `statements` table paraphrases what officials said, with a short quoted phrase and a
# source for each. Here are the statements on the process and on the testing pause from
# Washington, Pyongyang, Seoul, Beijing and Tokyo.

# %%
statements = sl.load("statements")
framing = (
    statements.query("topic in ['process', 'testing pause'] and party in ['US', 'DPRK', 'ROK', 'China', 'Japan']")
    .sort_values(["party", "date"])
    [["party", "date", "speaker", "topic", "paraphrase", "key_phrase", "source_id"]]
)
framing

# %% [markdown]
# Read across the five capitals before you judge:
#
# - **Washington** presented the process as working *because* of the leaders: Trump credited
#   his personal bond with Kim, built through letters, for the end of tests and the return of
#   detainees and remains, and cited the absence of tests as proof of progress. Pompeo, for his
#   part, set up the working-level channel by naming Biegun to run day-to-day negotiations, and
#   when Pyongyang asked for another counterpart he replied that he remained in charge.
# - **Pyongyang** engaged at the top and resisted below it: Kim welcomed Trump's letters and
#   promised to move "step by step", but North Korean officials asked for Pompeo to be replaced
#   as a counterpart, Kim set a year-end deadline, and in December 2019 he declared the country
#   no longer bound by a commitment it called one-sided.
# - **Seoul** saw leader meetings as the engine: President Moon held his own informal summits
#   with Kim, relayed messages between the two leaders and, after Hanoi, proposed another
#   inter-Korean summit in any place or format.
# - **Beijing** backed the leaders' track — Xi Jinping supported a second summit and urged both
#   sides to "meet each other halfway" — and claimed the testing pause as proof of its own
#   earlier proposal to pair a freeze in tests with a halt in US–South Korean exercises.
# - **Tokyo** had no seat in these talks. Its foreign minister called the testing halt a step,
#   but no reason to ease sanctions; after Panmunjom he hoped for negotiating teams, a channel
#   Japan did not run. For the abductions, Abe wanted a channel of his own: a meeting with Kim.
#
# Each row's `source_id` leads to the document; the wording above is ours.

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"The five capitals' {len(framing)} statements here ("
    + sl.counts_in_words(framing["party"], "{value}: {n}", order="value")
    + ") are a selection: read them as each government's framing, not as a measure of how much "
    "each one said."
)

# %% [markdown]
# ## The article's claim, tested
# **The claim, in our words:** after Singapore the United States had no policy process below
# the leaders; the working-level channel under Pompeo and Biegun was starved, and diplomacy by
# letter and summit stood in for sustained negotiation.
#
# The table gathers the evidence computed in this lesson, for and against.

# %% How these sentences are computed tags=["hide-input"]
cancel_sides = (
    contacts.query("outcome_group == 'called off'")
    .assign(side=lambda t: t["cancelled_by"].astype("string").fillna("not stated"))
    .groupby("side").size()
)
cancel_sides
evidence = pd.DataFrame([
    ("for", f"Longest gap without a working-level meeting: {int(longest['gap_days'])} days "
            f"({longest['previous']:%B %Y} – {longest['date']:%B %Y})."),
    ("for", f"{int(near_summit.sum())} of {len(held_wl)} working-level meetings fell in the 30 days before a summit."),
    ("for", f"{called_off.get('ministerial', 0) + called_off.get('envoy or working level', 0)} ministerial or "
            f"working-level contacts were called off, against {called_off.get('leader summit', 0)} summit "
            f"(reinstated within days) and {called_off.get('leader letter', 0)} letters."),
    ("for", f"Held working-level meetings that discussed substance: {len(substantive)} of {len(held_wl)}; "
            f"the rest only arranged logistics or security."),
    ("against", f"No ICBM launch or nuclear test from {last_icbm:%B %Y} to the end of 2019; remains returned; {n_summits} summits."),
    ("against", f"The Six-Party Talks, with a standing channel, once paused {int(spt['date'].diff().dt.days.max())} days and saw a nuclear test."),
    ("against", "Who called off contacts is sourced for " + str(cancel_sides.drop("not stated", errors="ignore").sum())
     + f" of {cancel_sides.sum()} (" + ", ".join(f"{k}: {v}" for k, v in cancel_sides.items())
     + "); the data cannot show that Pyongyang cancelled 'several' Biegun trips."),
], columns=["direction", "evidence"])
evidence

# %% How this sentence is computed tags=["hide-input"]
second_summit = summits["date"].sort_values().iloc[1]
sl.takeaway(
    f"The data support the core of the claim for the {(second_summit - first_summit).days // 30} months "
    f"from Singapore to Hanoi: the working level met rarely and mostly to prepare summits, while letters "
    f"were never called off and the one cancelled summit was back on within "
    f"{(summit_back['date'] - summit_off['date']).days} days. The strongest counter-argument is that the leaders' channel "
    f"bought a testing pause and concrete gestures — but no agreed text on what denuclearization meant, "
    f"and the pause stayed the North's unilateral choice. The report that Pyongyang cancelled several "
    f"Biegun trips could not be matched to dated sources."
)

# %% [markdown]
# ## What would a standing channel have needed?
# Use this structure for a class discussion. For each question, the evidence column says what
# this lesson's data can tell you; the last column is for your group's answer.
#
# | question | what the data show | your design |
# |---|---|---|
# | **Who** sits at the table, and with what rank? | Earlier channels were led by assistant secretaries and vice-ministers (`earlier_talks.us_head`, `dprk_head`); in 2018–19 the DPRK counterpart changed (Choe Son Hui, Kim Hyok Chol, Kim Myong Gil). | |
# | **How often** does it meet, and what happens when one side stays away? | Six-Party sessions came in bursts, with gaps longer than any in 2018–19 (see the takeaway above); 2018–19 working-level meetings clustered before summits. | |
# | **With what mandate?** Can negotiators trade concessions, or only prepare a summit? | Outcomes of the 2019 working-level rows: talks on the Singapore commitments and a draft summit declaration, summit logistics, and one round that broke down; no agreed text is recorded. | |
# | **On what agenda?** A declaration, a freeze, verification, sequencing (lessons 04–05)? | The Six-Party Talks set up working groups by subject (February 2007); nothing comparable existed in 2018–19. | |
# | **How does it connect to the leaders?** | Every 2018–19 summit was preceded by working-level meetings; letters went around them. | |

# %% [markdown]
# ## Theory and further reading
# **Two-level games.** Putnam (1988, `putnam-1988-two-level-games`) models a negotiator who
# bargains abroad while needing approval, formal or informal, at home: a deal must fall inside the
# *win-set* of agreements that each side's domestic players will accept. Applied to this case (our
# reading, not Putnam's): summitry between leaders moves fast because it skips the officials who
# usually map the win-set, but the bargain it strikes may then lack the support and the detail
# needed to carry it out; a working-level process is where those limits are found before the
# leaders commit.
#
# **Discussion question (theory against data).** The theory expects leader-level agreements
# struck without working-level preparation to be followed by fewer concrete steps. Using
# `negotiation_contacts` and `events`, list the contacts that were held at leader level and at
# working level, and for each look for a concrete step (a release, a repatriation, a
# [**dismantlement**](../docs/glossary.md#dismantlement)) in the two months after it. Which channel was followed more often by a step, and
# how many cases does the comparison rest on?

# %% [markdown]
# ## Discussion
# 1. The lesson counts contacts. Is a count of meetings a good measure of a *policy process*?
#    What would you want to measure instead, and could public sources give it to you?
# 2. North Korea's system concentrates authority in Kim Jong Un. Does that make leader-level
#    diplomacy the only channel that can deliver, or does it make a working-level channel more
#    necessary, not less?
# 3. The testing pause was announced before the first summit and withdrawn at the end of 2019.
#    Who deserves credit for it — the leaders, the working level, Seoul, Beijing, or none of them?
# 4. Design a standing channel for 2018 using the table above. Which of its features does the
#    evidence from the Six-Party Talks support, and which does it call into question?
#
# ## Keypoints
# - `negotiation_contacts` records each US–DPRK contact by channel and by what became of it; a
#   swim-lane chart with shape for outcome shows the pattern without relying on colour.
# - In 2018–2019 the leaders' channel failed least: no letter was called off, and the one
#   summit Trump cancelled (Singapore, May 2018) was revived within days; the working level met
#   rarely, with a long gap after Singapore, and mostly just before summits. Separate logistics
#   meetings from substantive ones before counting.
# - Earlier standing channels (1993–94, 2003–08) ran without leader meetings, but they too had
#   long pauses, and the Six-Party Talks did not prevent the first nuclear test.
# - The strongest case for the leaders' channel is the testing pause, remains and the summits;
#   the strongest case against is that none of it was written into an agreed, verifiable process.
#
# ## Next
# - Exercises: [exercises/03-policy-process.ipynb](../exercises/03-policy-process.ipynb) (45 minutes).
# - Lesson 04 — Sequencing (`notebooks/04-sequencing.ipynb`): whose priorities come first, and
#   what happens when they clash?
#
# ## References
# Every source cited by a row used in this lesson, and the seed article.

# %% How the reference list is built tags=["hide-input"]
used = pd.concat([contacts["source_id"], earlier["source_id"], framing["source_id"],
                  key_events["source_id"], pause_events["source_id"], tests["source_id"]])
sl.references([
    "washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect",
    "cns-nk-missile-test-database",
    "aljazeera-2019-02-20-singapore-to-hanoi",
    *used.drop_duplicates().sort_values(),
    remains["source_id"],
    "thehill-2019-04-18-shanahan-not-ballistic-missile",
])

# %% [markdown]
# Further reading for the theory section:

# %% How the reference list is built tags=["hide-input"]
sl.references(["putnam-1988-two-level-games"])
