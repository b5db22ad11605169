# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 06 · Hanoi and after: grading the forecast
#
# The course's seed article (`washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`) was
# published on 24 January 2019, a month before Donald Trump and Kim Jong Un met again in Hanoi
# (27–28 February 2019). The summit ended early and without an agreement. This capstone lesson
# does what an analyst does after the fact: it states the article's expectations, and some
# contrary ones, as explicit forecasts, scores them against what happened, and then asks which of
# the article's three arguments (process, sequencing, road map) the evidence of the whole course
# supports most.
#
# **Objectives.** By the end of this lesson you can:
# - *explain* the two offers made at Hanoi and *compare* them with the road-map model of lesson 04;
# - *compute* the [**Brier score**](../docs/glossary.md#brier-score) of a set of probability forecasts and *compare* it with a no-skill baseline;
# - *chart* the calibration of forecasts and the 2019 missile launches against 2017's, by class and range;
# - *evaluate* which of the article's three arguments the evidence supports most, using evidence
#   cards from lessons 01–05.
#
# **Prerequisites:** lessons [01](01-crisis-to-summit.ipynb) to [05](05-arms-control-road-maps.ipynb)
# (the road-map model of lesson 04 in particular).
# {estimated_time}
# **Data used:** [`forecasts`](../data/codebook/forecasts.md),
# [`agreements`](../data/codebook/agreements.md),
# [`statements`](../data/codebook/statements.md),
# [`roadmaps`](../data/codebook/roadmaps.md), [`roadmap_steps`](../data/codebook/roadmap_steps.md),
# [`priority_orders`](../data/codebook/priority_orders.md),
# [`missile_launches`](../data/codebook/missile_launches.md),
# [`nuclear_tests`](../data/codebook/nuclear_tests.md),
# [`events`](../data/codebook/events.md),
# [`negotiation_contacts`](../data/codebook/negotiation_contacts.md) and
# [`facility_status_changes`](../data/codebook/facility_status_changes.md).

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab.models import roadmaps_data as rd
from summitlab.models import forecasts as fc
from summitlab.models import roadmap as rm
from summitlab.charts import annotated_timeline, exposure_chart, legend_or_menu

sl.use_theme()

# %% [markdown]
# **Code new in this lesson.** Beyond the primer and lessons 01–05, this lesson uses:
# - `alt.hconcat(a, b)`: two charts side by side.
# - `mark_tick`: a short line per value, for ranges and distributions.
# - `.iterrows()` loops over a table's rows as pairs `(label, row)`; each `row` is a Series, so
#   `row["supports"]` reads one of its columns (`for arg, row in tally.iterrows(): ...`).
# - Course functions (`fc`, `summitlab.models.forecasts`), explained where they are used: `fc.classify(table, known_before)`
#   says which rows count as forecasts and `fc.genuine(...)` keeps those rows; `fc.brier_components(p, outcomes)` gives
#   each forecast's squared error and `fc.brier_score(p, outcomes)` their mean; `fc.score_table(table, by=...)` the
#   Brier and skill scores of each group; `fc.calibration_table(p, outcomes)` the forecasts by probability bin;
#   `fc.baseline_probability(outcomes, kind)` the constant probability of a no-skill forecaster.

# %%
agreements = sl.load("agreements")
statements = sl.load("statements")
forecasts = sl.load("forecasts").query("not forecast_id.str.startswith('H')")  # H: lesson 07
launches = sl.load("missile_launches")
tests = sl.load("nuclear_tests")
events = sl.load("events")
contacts = sl.load("negotiation_contacts").query("date <= '2019-12-31'")  # 2025 rows: lesson 07

# %% [markdown]
# ## What happened at Hanoi, according to each side?
# The `agreements` table has a row for Hanoi even though nothing was signed: its `kind` is
# `no agreement`, and its note records the offers as each side reported them.

# %%
hanoi = agreements.set_index("agreement_id").loc["hanoi-2019"]
print(hanoi["kind"], "|", hanoi["in_force_outcome"])
print(hanoi["note"])

# %% [markdown]
# ### Perspectives
# The two sides told different stories the same night. Washington said North Korea asked for
# all sanctions to be lifted in return for Yongbyon, North Korea's main nuclear complex, which
# was not enough because other facilities remained. Pyongyang said it asked only for part of the
# sanctions (relief from five of eleven UN resolutions, by Foreign Minister Ri Yong Ho's count,
# `hanoitimes-2019-03-01-ri-press-meeting`) in return for dismantling all fissile-material
# production at Yongbyon with US experts watching. Ri's eleven is not the course's count: the
# `sanctions_resolutions` table holds the resolutions of the sanctions regime that resolution 1718
# created and leaves out resolution 1695 of July 2006 (see its codebook). **Sanctions relief** means lifting some or all of the
# economic penalties the UN Security Council (and the United States on its own) imposed after
# North Korea's tests. Seoul and Beijing, the two other governments closest to the talks, spoke
# too. Here is each government in its own words (our paraphrases, with sources):

# %%
n_resolutions = len(sl.load("sanctions_resolutions"))
print(f"Resolutions in the course's sanctions table: {n_resolutions} (Ri Yong Ho counted 11)")

# %%
accounts = (
    statements
    .query("topic == 'hanoi'")
    .sort_values(["party", "date"])
    [["party", "date", "speaker", "paraphrase", "key_phrase", "source_id"]]
)
accounts

# %% How this sentence is computed tags=["hide-input"]
by_party = accounts["party"].value_counts()
sl.takeaway(
    f"The table holds {len(accounts)} statements on Hanoi from {by_party.gt(0).sum()} governments. "
    f"Washington and Pyongyang disagree on a fact (all sanctions or part of them), while Seoul "
    f"and Beijing both stress that talks should go on."
)

# %% [markdown]
# **Tokyo** has a row in the table too. Abe said he fully backed Trump's choice to leave
# without a deal rather than accept an easy one, and that he meant to meet Kim himself next,
# with the abductions of Japanese citizens in mind. Of the readings in the table, Tokyo's is the
# closest to Washington's: no deal was better than a partial one. MOFA's readout of Abe's call with Trump
# that day is the row's primary text.

# %% [markdown]
# ## What did each offer ask of the other side?
# Lesson 04 built a model of **road maps**: ordered lists of steps, each with a cost to the
# party that takes it and a value to the other party (scores that are the course's assumptions,
# not facts). A party's **exposure** after a step is what it has given minus what it has
# received so far: a party with high exposure has paid in advance and loses most if the talks
# stop. The `roadmaps` table codes the two Hanoi offers as reported: the US "big deal" (every
# North Korean step first, then full sanctions relief) and the DPRK's offer (a written test
# moratorium, partial relief, then Yongbyon). A **moratorium** is a declared, voluntary halt to
# an activity such as testing, with no treaty behind it.

# %%
offers = ["hanoi-us-big-deal", "hanoi-dprk-offer"]
pd.concat({name: rd.roadmap(name)[["position", "actor", "action", "cost", "value"]] for name in offers})

# %%
exposure = rd.exposures(offers)
exposure.head()

# %% [markdown]
# Each line is one party's exposure, step by step (hover over a point for the step; click a
# party in the legend, or choose it in the Party menu under the chart, to pick it out). Above
# zero, the party has given more than it has received.

# %%
exposure_chart(
    exposure, roadmaps=offers, labels={"hanoi-us-big-deal": "US big deal", "hanoi-dprk-offer": "DPRK offer"},
    title="Exposure of each party under the two Hanoi offers (course model, assumed scores)",
    description="Two line charts of each party's exposure step by step: under the US big deal "
                "North Korea's exposure climbs with every step before any relief, while under "
                "the DPRK offer both parties stay within one point of zero.",
)

# %% [markdown]
# The same model also gives each offer's **peak exposure**, its agreement with each side's stated
# priorities (Kendall's tau: +1 same order, −1 reversed) and the sequencing rules of lesson 04 (also used in lesson 05)
# that it breaks. The breaking point assumes each side walks away once its exposure passes 2
# points, an assumption to change.

# %%
tolerance = {"US": 2, "DPRK": 2}
scores = rd.compare(offers, tolerance=tolerance)
scores

# %%
for rule_set in rm.RULE_SETS:
    for name in offers:
        print(rule_set, "|", name, "->", rm.rule_violations(rd.roadmap(name), rule_set) or "breaks no rule")

# %% How this sentence is computed tags=["hide-input"]
peak = scores.set_index(["roadmap_id", "party"])["peak_exposure"]
rules = scores.groupby("roadmap_id")["rules_broken"].first()
sl.takeaway(
    f"Under the US big deal North Korea's exposure peaks at {peak['hanoi-us-big-deal', 'DPRK']:g} "
    f"points before any relief arrives; under its own offer neither side passes "
    f"{max(peak['hanoi-dprk-offer', 'US'], peak['hanoi-dprk-offer', 'DPRK']):g}. But the DPRK offer "
    f"breaks {rules['hanoi-dprk-offer']} of the declaration-first rules (the US position; lessons 04 and 05) and the "
    f"big deal {rules['hanoi-us-big-deal']}: each side proposed the order that protected itself."
)

# %% [markdown]
# ## How good were the forecasts?
# A **forecast** is a probability that a yes/no question will resolve "yes" by a given date.
# The `forecasts` table turns expectations of the article and contrary expectations
# (held by others, more hopeful about the talks) into such questions. Nobody gave numbers: the
# **probabilities are the course's codings** of their words, with one fixed scale
# (`verbal_level`, see the [codebook](../data/codebook/forecasts.md)).

# %%
forecasts[["forecast_id", "stance", "forecaster", "question", "verbal_level", "probability", "outcome"]]

# %% [markdown]
# **Which of these are forecasts?** A forecast is an expectation stated *before* the outcome
# could be known and *framed as an expectation*. The course applies one rule to the table's
# columns (`fc.classify`): a row counts if its `stated_date` is known, falls before its
# `resolution_date` and before the last day of the Hanoi summit (after which the main outcome
# was known), and the forecaster is a person or body stating an expectation, not a published
# schedule (a plan of what will happen, not a judgement of how likely it is). The table's own flag
# `expectation_before_outcome` (false for the schedule and for Trump's report, after the summit,
# of Kim's promise) is honoured too.

# %%
status = fc.classify(forecasts, known_before=hanoi["date"])
forecasts[["forecast_id", "stance", "forecaster", "stated_date"]].join(status.drop(columns="forecast_id"))

# %% How this sentence is computed tags=["hide-input"]
all_forecasts = forecasts
forecasts = fc.genuine(all_forecasts, known_before=hanoi["date"])  # from here on: only the rows that count
counted = forecasts["stance"].value_counts()
left_out = all_forecasts.loc[~status["counts"].to_numpy(), "forecast_id"]
sl.takeaway(
    f"{len(forecasts)} of {len(all_forecasts)} rows count as forecasts: {counted.get('article', 0)} of the article's "
    f"and {counted.get('contrary', 0)} contrary. Listed but not scored: {', '.join(left_out)} "
    "(see the reason column). Only the rows that count are scored below."
)

# %% [markdown]
# The **Brier score** of a set of forecasts is the mean of (probability − outcome)², with the
# outcome 1 for yes and 0 for no. 0 is perfect; 0.25 is what you get by saying 50% to
# everything; 1 is certain and wrong every time. A **no-skill baseline** is the score of a
# forecaster who knows nothing: we use "always 0.5" by default because it needs no knowledge of
# what happened. The **skill score** is 1 − Brier / baseline: above 0 beats the baseline.
# `summitlab.models.forecasts` also reports a second baseline, the base rate (always saying the share
# of questions that came true), which is a hindsight benchmark because it uses the outcomes.

# %%
scored = forecasts.assign(squared_error=fc.brier_components(forecasts["probability"], forecasts["outcome"]))
table = fc.score_table(scored, by="stance")
table

# %% How this sentence is computed tags=["hide-input"]
brier = table.set_index("stance")
sl.takeaway(
    f"The article's {brier.loc['article', 'n']} forecasts score {brier.loc['article', 'brier']:.3f} (skill "
    f"{brier.loc['article', 'skill_vs_uniform']:+.2f} against always saying 0.5); the "
    f"{brier.loc['contrary', 'n']} contrary forecast(s) score {brier.loc['contrary', 'brier']:.3f} (skill "
    f"{brier.loc['contrary', 'skill_vs_uniform']:+.2f}): "
    + ("no better than" if abs(brier.loc["contrary", "skill_vs_uniform"]) < 1e-9
       else "worse than" if brier.loc["contrary", "skill_vs_uniform"] < 0 else "better than")
    + " always saying 0.5."
)

# %% [markdown]
# Which forecasts cost the most, and were the probabilities **calibrated** (did about 70% of
# the things given 70% happen)? Left: each forecast's squared error. Right: each probability
# bin's mean forecast against how often its questions came true; a calibrated forecaster's
# points lie on the diagonal. Click a stance in the legend, or choose it in the Stance menu, to
# pick it out in both charts.

# %%
calibration = pd.concat(
    {stance: fc.calibration_table(group["probability"], group["outcome"])
     for stance, group in forecasts.groupby("stance", observed=True)},
    names=["stance", None],
).reset_index(level="stance").query("n > 0")
calibration

# %%
pick_stance, pick_stance_menu = legend_or_menu(scored, "stance", "Stance")
errors = alt.Chart(scored).mark_bar(stroke="#333333", strokeWidth=1).encode(
    x=alt.X("squared_error:Q").title("Squared error (0 = perfect, 1 = worst)").scale(domain=[0, 1]),
    y=alt.Y("forecast_id:N").title("Forecast").sort("-x"),
    color=alt.Color("stance:N").title("Stance"),
    strokeDash=alt.StrokeDash("stance:N").title("Stance"),
    opacity=alt.when(pick_stance & pick_stance_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
    tooltip=[alt.Tooltip("forecast_id:N", title="Forecast"), alt.Tooltip("question:N", title="Question"),
             alt.Tooltip("probability:Q", title="Probability (our coding)"),
             alt.Tooltip("outcome:N", title="Came true"), alt.Tooltip("squared_error:Q", title="Squared error")],
).add_params(pick_stance, pick_stance_menu).properties(width=260, height=260, title="Squared error of each forecast")

# %%
diagonal = alt.Chart(pd.DataFrame({"p": [0, 1]})).mark_line(color="#888888", strokeDash=[4, 3]).encode(
    x=alt.X("p:Q").title("Mean forecast probability in the bin"), y=alt.Y("p:Q").title("Share that came true"))
points = alt.Chart(calibration).mark_point(filled=True).encode(
    x=alt.X("mean_probability:Q").scale(domain=[0, 1]),
    y=alt.Y("observed_frequency:Q").scale(domain=[0, 1]),
    size=alt.Size("n:Q").title("Forecasts in bin").legend(tickMinStep=1),
    color=alt.Color("stance:N").title("Stance"),
    shape=alt.Shape("stance:N").title("Stance"),
    opacity=alt.when(pick_stance & pick_stance_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
    tooltip=[alt.Tooltip("stance:N", title="Stance"), alt.Tooltip("bin:N", title="Probability bin"),
             alt.Tooltip("n:Q", title="Forecasts"), alt.Tooltip("observed_frequency:Q", title="Share true")],
)
calibration_chart = alt.layer(diagonal, points).properties(width=260, height=260, title="Calibration by probability bin")

# %%
worst = scored.sort_values("squared_error", ascending=False).iloc[0]
alt.hconcat(errors, calibration_chart).properties(
    title="Scoring the forecasts about Hanoi and after",
    description=f"Left, a bar per forecast showing its squared error, largest for {worst['forecast_id']}; "
                "right, a calibration plot of mean forecast against the share that came "
                "true in each probability bin, with a dashed diagonal for perfect calibration.",
)

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"The costliest forecast is {worst['forecast_id']}, by {worst['forecaster']}: "
    f"{worst['probability']:g} for a question that resolved {'yes' if worst['outcome'] else 'no'}, "
    f"a squared error of {worst['squared_error']:.2f}. With {len(scored)} forecasts in all, each bin "
    f"holds {calibration['n'].min()} to {calibration['n'].max()} of them, so the calibration plot is a sketch, "
    "not a verdict."
)

# %% [markdown]
# ### Your own forecasts, scored
# Replace the probabilities below with your own reading of each question *as of the date it
# was asked* (without looking up the outcome first), run the cells, and compare. The example
# row is a pessimist who says 0.25 to everything.

# %%
mine = forecasts[["forecast_id", "question", "outcome"]].assign(probability=0.25)
# mine.loc[mine["forecast_id"] == "C04", "probability"] = 0.6   # <- your forecasts here
fc.score_table(mine)

# %% [markdown]
# The scores depend on our coding scale. What if "probably not" meant 0.35 rather than 0.25,
# and "almost certainly" 0.8 rather than 0.9? Re-code and re-score:

# %%
scale = {"almost certainly not": 0.1, "probably not": 0.35, "even chance": 0.5,
         "better than even": 0.6, "probably": 0.75, "almost certainly": 0.8}
recoded = forecasts.assign(probability=forecasts["verbal_level"].astype(str).map(scale))
fc.score_table(recoded, by="stance")[["stance", "brier", "skill_vs_uniform"]]

# %% How this sentence is computed tags=["hide-input"]
again = fc.score_table(recoded, by="stance").set_index("stance")["brier"]
same = (again["article"] < again["contrary"]) == (brier.loc["article", "brier"] < brier.loc["contrary", "brier"])
sl.takeaway(
    f"With a gentler scale the article scores {again['article']:.3f} and the contrary forecasts "
    f"{again['contrary']:.3f}: the ranking {'stays the same' if same else 'flips'}, so it "
    f"{'does not hang' if same else 'hangs'} on the exact numbers of the scale."
)

# %% [markdown]
# ### What a Brier score can and cannot tell apart
# A Brier score grades outcomes, not reasons. The article's questions mostly asked whether
# something would happen (a deal, a declaration, a sustained channel) and the answer was no. A
# forecaster who expected nothing *because the process was broken*, one who expected nothing
# *because the sides wanted opposite orders*, and one who expected nothing *because there was no
# road map* all earn the same score for the same "probably not". So a good score says the
# article's pessimism was well placed; it cannot say which of its three causal arguments was
# right, or whether some other reason (the end state each side wanted, for instance) did the work.
# To tell the arguments apart you need questions on which they predict *different* things, for
# example whether more working-level meetings would have produced a text, which lessons 03–05
# examine with other evidence.

# %%
by_argument = fc.score_table(scored, by="argument")[["argument", "n", "brier"]]
by_argument

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"Scored by the argument each question bears on, the forecasts give {len(by_argument)} Brier scores from "
    f"{by_argument['n'].min()} to {by_argument['n'].max()} forecasts each: too few "
    "to rank the process, sequencing and road-map arguments against one another."
)

# %% [markdown]
# ## After Hanoi: which constraints held?
# North Korea's April 2018 moratorium covered nuclear tests and intercontinental ballistic
# missiles (ICBMs, range over 5,500 km). After Hanoi, launches resumed.
# Compare 2019 with 2017, the last year of testing before the talks, by missile class (CNS
# classes: SRBM short-range, under 1,000 km; MRBM 1,000–3,000 km; IRBM 3,000–5,500 km; ICBM;
# SLBM launched from a submarine) and by distance flown. Launch dates are UTC. The counts and
# charts below use every CNS row, including the 17 April 2019 test, which CNS lists as an SRBM
# but which the acting US Defense Secretary said was not a ballistic missile (its
# `classification_disputed` is true); the takeaways give the count without it too.

# %%
two_years = (
    launches
    .assign(year=launches["date_utc"].dt.year.astype(str))
    .query("year in ['2017', '2019']")
    .astype({"missile_class": str})
)
by_class = two_years.groupby(["year", "missile_class"]).agg(
    missiles=("launch_id", "size"), longest_km=("distance_km", "max"), median_km=("distance_km", "median"),
).reset_index()
by_class

# %% [markdown]
# Left: missiles per class; right: distance flown by each missile (one tick each; a missile
# with no published distance has no tick). Click a year in the legend to pick it out.

# %%
pick_year, pick_year_menu = legend_or_menu(by_class, "year", "Year")
classes = ["SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "unknown"]
counts = alt.Chart(by_class).mark_bar(stroke="#333333", strokeWidth=1).encode(
    x=alt.X("missiles:Q").title("Missiles launched (count)"),
    y=alt.Y("missile_class:N").title("Missile class (CNS)").sort(classes),
    yOffset=alt.YOffset("year:N"),
    color=alt.Color("year:N").title("Year"),
    strokeDash=alt.StrokeDash("year:N").title("Year"),
    opacity=alt.when(pick_year & pick_year_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
    tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("missile_class:N", title="Class"),
             alt.Tooltip("missiles:Q", title="Missiles"), alt.Tooltip("longest_km:Q", title="Longest flight (km)")],
).add_params(pick_year, pick_year_menu).properties(width=260, height=260, title="Missiles by class")

# %%
ranges = alt.Chart(two_years.dropna(subset=["distance_km"])).mark_tick(thickness=2, size=14).encode(
    x=alt.X("distance_km:Q").title("Distance flown (km)"),
    y=alt.Y("missile_class:N").title(None).sort(classes),
    yOffset=alt.YOffset("year:N"),
    color=alt.Color("year:N").title("Year"),
    strokeDash=alt.StrokeDash("year:N").title("Year"),
    opacity=alt.when(pick_year & pick_year_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
    tooltip=[alt.Tooltip("launch_id:N", title="Launch"), alt.Tooltip("date_utc:T", title="Date (UTC)"),
             alt.Tooltip("missile_name:N", title="Missile"), alt.Tooltip("distance_km:Q", title="Distance (km)")],
).properties(width=300, height=260, title="Distance flown by each missile")

# %% How the chart's description is computed tags=["hide-input"]
def class_list(year):
    n = by_class.query("year == @year").set_index("missile_class")["missiles"].sort_values(ascending=False)
    return ", ".join(f"{v} {k}" for k, v in n.items())


longest_flight = by_class.groupby("year")["longest_km"].max()

# %%
alt.hconcat(counts, ranges).properties(
    title="North Korean missile launches in 2017 and 2019 by class and distance",
    description=f"Bars of missiles launched per class and ticks of distance flown (CNS rows, the disputed "
                f"17 April 2019 row included): 2017 has {class_list('2017')}, flying up to "
                f"{longest_flight['2017']:,.0f} km; 2019 has {class_list('2019')}, none beyond "
                f"{longest_flight['2019']:,.0f} km.",
)

# %% How this sentence is computed tags=["hide-input"]
per_year = two_years.groupby("year").agg(missiles=("launch_id", "size"), longest=("distance_km", "max"))
long_range = two_years.query("missile_class in ['IRBM', 'ICBM']").groupby("year").size().reindex(["2017", "2019"], fill_value=0)
tests_after = int((tests["date_local"] > "2017-12-31").sum())
more = "more than" if per_year.loc["2019", "missiles"] > per_year.loc["2017", "missiles"] else "no more than"
disputed_2019 = int(two_years.query("year == '2019'")["classification_disputed"].sum())
sl.takeaway(
    f"North Korea launched {per_year.loc['2019', 'missiles']} missiles in 2019 by the CNS count "
    f"({per_year.loc['2019', 'missiles'] - disputed_2019} if the disputed 17 April row is left out), {more} the "
    f"{per_year.loc['2017', 'missiles']} of 2017, but none beyond {per_year.loc['2019', 'longest']:,.0f} km "
    f"(2017: up to {per_year.loc['2017', 'longest']:,.0f} km). IRBM and ICBM launches: "
    f"{long_range['2017']} in 2017, {long_range['2019']} in 2019; nuclear tests after 2017: {tests_after}. "
    f"The moratorium's scope held; launching in general did not stop."
)

# %% [markdown]
# When did the launches come back, relative to the diplomacy? The course's annotated timeline:
# missiles per month in 2019 (UTC), with the summit, the DMZ meeting, the Stockholm talks and
# the December party plenum drawn over them (local dates). Hover over a rule for details.

# %%
monthly_2019 = (
    launches.query("date_utc.dt.year == 2019")
    .assign(month=lambda t: t["date_utc"].dt.to_period("M").dt.to_timestamp())
    .astype({"missile_class": str})
    .groupby(["month", "missile_class"]).size().reset_index(name="missiles")
)
labels = {"E072": "Hanoi", "E081": "DMZ meeting", "E091": "Stockholm talks", "E098": "Party plenum"}
markers = events[events["event_id"].isin(list(labels))].assign(label=lambda t: t["event_id"].map(labels))
markers[["event_id", "date", "label", "summary"]]

# %%
pick_class, pick_class_menu = legend_or_menu(monthly_2019, "missile_class", "Missile class")
bars = alt.Chart(monthly_2019).mark_bar(stroke="#333333", strokeWidth=1).encode(
    x=alt.X("yearmonth(month):T").title("Month of 2019 (UTC date of launch)").scale(
        domain=["2019-01-01", "2019-12-31"]),
    y=alt.Y("missiles:Q").title("Missiles launched (count)"),
    color=alt.Color("missile_class:N").title("Missile class"),
    strokeDash=alt.StrokeDash("missile_class:N").title("Missile class"),
    opacity=alt.when(pick_class & pick_class_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
    tooltip=[alt.Tooltip("yearmonth(month):T", title="Month"), alt.Tooltip("missile_class:N", title="Class"),
             alt.Tooltip("missiles:Q", title="Missiles")],
).add_params(pick_class, pick_class_menu)
annotated_timeline(
    bars, markers, levels=2,
    title="Missile launches per month in 2019, with the Hanoi summit and what followed",
    description=f"Stacked monthly bars of 2019 missile launches by class (every CNS row), all from "
                f"{monthly_2019['month'].min():%B} onward, with dashed rules at the Hanoi summit, the DMZ "
                f"meeting, the Stockholm talks and the party plenum at the end of December.",
).properties(width=680, height=260)

# %% How this sentence is computed tags=["hide-input"]
after_hanoi = launches[launches["date_utc"] > hanoi["date"]]
first_row = after_hanoi["date_utc"].min()
first_ballistic = after_hanoi.loc[~after_hanoi["classification_disputed"], "date_utc"].min()
sl.takeaway(
    f"The first undisputed ballistic launches after Hanoi came on {first_ballistic:%-d %B %Y} (UTC), "
    f"{(first_ballistic - hanoi['date']).days} days after the summit's last day. CNS has an earlier row, "
    f"{first_row:%-d %B}, whose weapon US officials said was not a ballistic missile. Launches continued "
    f"after the DMZ meeting and after Stockholm."
)

# %% [markdown]
# What became of the working-level channel that the article said was starved? The US–DPRK
# contacts after Hanoi, from `negotiation_contacts` (local dates):

# %%
after = contacts.query("date > @hanoi['date']")
after[["date", "channel", "us_participant", "dprk_participant", "happened", "outcome"]]

# %% How this sentence is computed tags=["hide-input"]
working = after.query("channel == 'envoy or working level'")["happened"].value_counts()
letters = int((after["channel"] == "leader letter").sum())
summits_after = int(((after["channel"] == "leader summit") & (after["happened"] == "held")).sum())
wl_held_after = contacts.query("date > @hanoi['date'] and channel == 'envoy or working level' and happened == 'held'")
logistics_after = int(wl_held_after["logistics_only"].sum())
sl.takeaway(
    f"After Hanoi the table records {len(after)} contacts: {letters} leaders' letters, "
    f"{summits_after} meeting(s) of the leaders (the DMZ), and on the working level {working.get('held', 0)} held, "
    f"{working.get('postponed', 0)} postponed and {working.get('announced', 0)} only announced. Of the "
    f"{len(wl_held_after)} held, {logistics_after} only arranged logistics for the DMZ meeting and the others were "
    f"the Stockholm round and its preliminary contact: one formal round, which the North declared broken down."
)

# %% [markdown]
# ## What did lessons 01–05 find?
# Each earlier lesson tested one part of the argument. In brief (the evidence cards of the next
# section carry one computed fact forward from each):
#
# - [Lesson 01 — From crisis to summit](01-crisis-to-summit.ipynb): the testing pause began
#   before any summit and North Korea's early steps were unilateral; its halt on nuclear and ICBM
#   tests held within its stated scope.
# - [Lesson 02 — Reading the Singapore statement](02-singapore-statement.ipynb): Singapore listed
#   new relations and a peace regime before denuclearization and named no dates or verification.
# - [Lesson 03 — The policy process](03-policy-process.ipynb): which channels carried contact,
#   how often working-level meetings happened as planned, the gaps between them, and what
#   leader-level diplomacy achieved on its own.
# - [Lesson 04 — Sequencing](04-sequencing.ipynb): each side's stated priorities, the road-map
#   model (exposure, alignment, rules) re-run on the Hanoi offers above, and whether the
#   inter-Korean track ran ahead of the US–DPRK track.
# - [Lesson 05 — Arms-control road maps](05-arms-control-road-maps.ipynb): why a declaration
#   comes first, what was dismantled and what kept running, whether any promise was broken, and
#   what verification of each step would have required.

# %% [markdown]
# ## Synthesis: which argument does the evidence support most?
# A structured debate. Each **evidence card** below is a fact computed from course data, tagged
# with the argument it bears on and whether it *supports* or *undercuts* the article. First,
# the rows the cards draw on; the collapsed cell after them turns their counts into the cards:

# %%
working_level = contacts.query("channel == 'envoy or working level'")
held = working_level["happened"].value_counts()
pre_hanoi = working_level.query("happened == 'held' and '2019-01-01' <= date < @hanoi['date']")
model = scores.set_index(["roadmap_id", "party"])
singapore = sl.load("commitments").query("agreement_id == 'singapore-2018'")
yongbyon_2019 = sl.load("facility_status_changes").query(
    "date >= '2019-03-01' and facility_id.str.startswith('yongbyon')")
yongbyon_kinds = yongbyon_2019["status"].value_counts()
yongbyon_2019[["date", "facility_id", "status", "observed_by"]]

# %% How these sentences are computed tags=["hide-input"]
numbers = {
    "not held": int(held.get("cancelled", 0) + held.get("postponed", 0)), "recorded": int(held.sum()),
    "held before Hanoi": len(pre_hanoi),
    "Yongbyon activity": int(yongbyon_kinds.get("activity observed", 0)),
    "Yongbyon no activity": int(yongbyon_kinds.get("no activity observed", 0)),
    "big deal vs DPRK pairs": rd.pairwise("hanoi-us-big-deal", "DPRK", "with-later-statements")["verdict"],
    "peak DPRK offer, DPRK": model.loc[("hanoi-dprk-offer", "DPRK"), "peak_exposure"],
    "rules broken, DPRK offer": int(model.loc[("hanoi-dprk-offer", "DPRK"), "rules_broken"]),
    "tests and IRBM/ICBM after 2017": tests_after + int(long_range["2019"]),
    "Singapore deadlines": int(singapore["has_deadline"].sum()), "Singapore items": len(singapore),
}
n = numbers
cards = pd.DataFrame([
    ("02", "road map", "supports", f"Singapore commitments with a deadline: {n['Singapore deadlines']} of {n['Singapore items']}"),
    ("03", "process", "supports", f"Working-level meetings cancelled or postponed: {n['not held']} of {n['recorded']}"),
    ("03", "process", "undercuts", f"Working-level meetings held in Jan-Feb 2019, before Hanoi: {n['held before Hanoi']}"),
    ("04", "sequencing", "supports", f"US big deal vs DPRK's later stated order: {', '.join(n['big deal vs DPRK pairs'])} "
                                     f"on the {len(n['big deal vs DPRK pairs'])} shared pair(s) of pillars (too few for a tau)"),
    ("04", "sequencing", "undercuts", f"DPRK offered Yongbyon for partial relief, no peace step first (peak exposure {n['peak DPRK offer, DPRK']:g})"),
    ("05", "road map", "supports", f"Lesson 05 rules broken by the DPRK offer: {n['rules broken, DPRK offer']} (no declaration first)"),
    ("05", "road map", "supports", f"Yongbyon reports after Hanoi showing activity (enrichment plant among them): {n['Yongbyon activity']}"),
    ("05", "road map", "undercuts", f"Yongbyon reports after Hanoi showing no activity (5 MWe reactor among them): {n['Yongbyon no activity']}"),
    ("01", "road map", "undercuts", f"Nuclear tests and IRBM/ICBM launches in 2018-19: {n['tests and IRBM/ICBM after 2017']}; a halt held with no road map"),
], columns=["lesson", "argument", "effect", "evidence"])
cards

# %% [markdown]
# Filter the cards by argument in the drop-down menu; hover over a card to read it.

# %%
pick_argument = alt.selection_point(fields=["argument"], bind=alt.binding_select(
    options=[None, "process", "sequencing", "road map"],
    labels=["All arguments", "process", "sequencing", "road map"], name="Argument: "))
card_base = alt.Chart(cards.assign(card=range(1, len(cards) + 1), label="L" + cards["lesson"])).encode(
    x=alt.X("effect:N").title("Effect on the article's argument").sort(["supports", "undercuts"]).axis(labelAngle=0),
    y=alt.Y("argument:N").title("Argument").sort(["process", "sequencing", "road map"]),
    xOffset=alt.XOffset("card:N"),
    opacity=alt.when(pick_argument).then(alt.value(1)).otherwise(alt.value(0.1)),
    tooltip=[alt.Tooltip("lesson:N", title="Lesson"), alt.Tooltip("argument:N", title="Argument"),
             alt.Tooltip("effect:N", title="Effect"), alt.Tooltip("evidence:N", title="Evidence")],
)
dots = card_base.mark_point(filled=True, size=160).encode(
    shape=alt.Shape("effect:N").title("Effect"), color=alt.Color("effect:N").title("Effect"),
).add_params(pick_argument)
lesson_labels = card_base.mark_text(dy=-14, fontSize=10).encode(text=alt.Text("label:N"))

# %%
tally = cards.groupby(["argument", "effect"]).size().unstack(fill_value=0)
alt.layer(dots, lesson_labels).properties(
    width=360, height=220, title="Evidence cards from lessons 01-05, by argument and effect",
    description=f"Dot chart of {len(cards)} evidence cards, each labelled with its lesson, placed by the "
                "argument it bears on and whether it supports or undercuts it: "
                + "; ".join(f"{arg} {row['supports']} for and {row['undercuts']} against"
                            for arg, row in tally.iterrows()) + ".",
)

# %% How this sentence is computed tags=["hide-input"]
net = (tally.get("supports", 0) - tally.get("undercuts", 0)).sort_values(ascending=False)
sl.takeaway(
    f"Counting cards, the '{net.index[0]}' argument has the largest surplus of support "
    f"({tally.loc[net.index[0], 'supports']} for, {tally.loc[net.index[0], 'undercuts']} against). "
    f"A count is not a weight: which card would you give most weight in the debate?"
)

# %% [markdown]
# **What would have had to differ?** For the *process* argument: a standing channel that met
# before and after the summit, not only in the weeks before it. For *sequencing*: an agreed
# order in which each side's first step was one the other could accept while its own exposure
# stayed small, which neither Hanoi offer achieved. For the *road map*: a declaration before
# dismantlement, so that Yongbyon's value could be checked. Use the Discussion questions to
# argue for one.

# %% [markdown]
# ## The article's claim, tested
# **The claim, in our words.** A month before Hanoi, the article expected little from a second
# summit prepared without a working policy process, without an agreed order of steps, and without
# a road map that began with a declaration; meanwhile North Korea's facilities would keep growing.
#
# **Evidence for.** The summit produced nothing signed. The two offers put each side's gains
# first (exposure), and the North's offer skipped the declaration. After Hanoi the working-level
# channel held a single formal round (the takeaway on contacts above gives the counts, with the
# logistics meeting set apart). At Yongbyon the rows after Hanoi are of both kinds: activity at
# the enrichment plant and around the reactors under construction, and no sign of operation at
# the 5 MWe reactor, which the IAEA saw idle from December 2018 (the two Yongbyon cards).
#
# **What the forecast scores can and cannot say.** The article's expectations can be scored
# against the contrary forecasts, but a good Brier score here mostly rewards being right that
# *little would happen*. All three of the article's arguments (process, sequencing, road map)
# predict the same outcome, a summit without a deal, so a score cannot tell them apart: it is
# not evidence for any one of them, and no evidence card counts it.
#
# **Evidence against, the strongest counter-argument.** First, forecasting that *nothing will
# happen* is easy when little usually does: a forecaster who always says the base rate scores
# well too. Second, the questions were written by us after the fact. Third, process was not
# wholly missing: working-level talks were held in the weeks before the summit, and the
# summit failed over what was offered, not for lack of meetings.

# %% How this sentence is computed tags=["hide-input"]
base = fc.score_table(forecasts).loc["all"]
sl.takeaway(
    f"The hindsight base-rate forecaster (always {fc.baseline_probability(forecasts['outcome'], 'base_rate'):.1f}) "
    f"scores {base['baseline_base_rate']:.3f}, against the article's {brier.loc['article', 'brier']:.3f}: "
    f"the article beat even that benchmark. Yet {len(pre_hanoi)} working-level meetings were held in the "
    f"weeks before Hanoi, so a missing process alone does not explain the failure."
)

# %% [markdown]
# ## Theory and further reading
# **Judging forecasts.** Tetlock (2005, `tetlock-2005-expert-political-judgment`) scored tens of
# thousands of expert political forecasts and found that experts often did little better than
# simple rules, such as predicting that the current state of affairs will continue; the better
# forecasters were those who hedged and updated. The lesson's Brier scores and base-rate baseline
# are the same tools on a much smaller scale.
# **Signals at summits.** Fearon (1997, `fearon-1997-tying-hands-sinking-costs`) distinguishes
# signals that are costly because they *tie a leader's hands* (backing down would be punished at
# home) from those that *sink costs* up front. Public summits can tie hands; a moratorium that can
# be lifted at will sinks few costs.
#
# **Discussion question (theory against data).** Tetlock's work expects expert forecasts to beat
# a "no change" rule only modestly. Using `forecasts`, how did the article's five forecasts compare
# with the hindsight base-rate forecaster, and how many of them were in effect forecasts of no
# change? Does a good score here show expertise, or only that little changed?

# %% [markdown]
# ## Discussion
# 1. Which evidence card would you give most weight, and which least? Would your ranking of the
#    three arguments change?
# 2. We coded "probably not" as 0.25. Who should choose such a scale, and when: before or after
#    the outcomes are known?
# 3. The contrary forecasters included the South Korean government and the White House, which had
#    reasons to sound hopeful. Is a public statement a forecast? How would you tell?
# 4. If Washington had accepted the DPRK offer at Hanoi, what does the road-map model say would
#    have happened next, and what does it leave out?
#
# ## Keypoints
# - Hanoi ended without agreement; the two sides' accounts of what North Korea asked for differ.
# - In the course's model each Hanoi offer kept its author's exposure low, and the DPRK offer
#   put dismantlement before any declaration.
# - The Brier score is the mean squared gap between probabilities and outcomes; compare it with a
#   no-skill baseline (always 0.5 scores 0.25) before calling a forecaster skilled.
# - In 2019 North Korea launched more missiles than in 2017 (one 2019 row is disputed as a
#   ballistic missile), all of shorter range than 2017's longest; no nuclear test or ICBM launch
#   broke the moratorium's scope.
# - Tally the evidence cards by argument (the takeaway names the largest surplus), then weigh
#   them: every argument has evidence on both sides. Forecasts that nothing will change are easy
#   to get right, and a Brier score cannot tell apart arguments that predict the same outcome.
#
# ## Next
# - Exercises: [exercises/06-hanoi-and-after.ipynb](../exercises/06-hanoi-and-after.ipynb) (50 minutes).
# - Your own evidence cards: exercise 06.9 has you compute cards of your own, from any course
#   table, and weigh them against the lesson's.
# - Next: [lesson 07, after Hanoi, 2019–2026](07-after-hanoi.ipynb), which tests the three
#   arguments and these forecasts on the seven years since.
#
# ## References

# %% How the reference list is built tags=["hide-input"]
used = [
    "washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect",
    hanoi["source_id"], hanoi["outcome_source_id"], *accounts["source_id"],
    *all_forecasts["source_id"], *all_forecasts["outcome_source_id"],
    *sl.load("roadmaps").query("roadmap_id in @offers")["source_id"],
    *rd.roadmap("hanoi-us-big-deal")["step_id"].map(sl.load("roadmap_steps").set_index("step_id")["source_id"]),
    *rd.roadmap("hanoi-dprk-offer")["step_id"].map(sl.load("roadmap_steps").set_index("step_id")["source_id"]),
    "cns-nk-missile-test-database", *tests["source_id"], *markers["source_id"], *contacts.query("date > @hanoi['date']")["source_id"],
    *yongbyon_2019["source_id"], "hanoitimes-2019-03-01-ri-press-meeting", "thehill-2019-04-18-shanahan-not-ballistic-missile", *singapore["source_id"],
]
sl.references([used[0], *sorted(set(map(str, used[1:]))- {used[0]})])

# %% [markdown]
# Further reading for the theory section:

# %% How the reference list is built tags=["hide-input"]
sl.references(["tetlock-2005-expert-political-judgment", "fearon-1997-tying-hands-sinking-costs"])
