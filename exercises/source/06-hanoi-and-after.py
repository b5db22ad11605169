# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 06 — Hanoi and after: grading the forecast
#
# These ten exercises go with [lesson 06](../notebooks/06-hanoi-and-after.ipynb). They take
# you from the road-map model's reading of a Hanoi offer, to encoding forecasts by hand, to
# scoring them, to checking what North Korea did in 2019,
# and end with a forecast of your own. Replace each `...`, run the cell, then run the check cell
# beneath it. Estimated time: 50 minutes. The two exercises at the end (06.9, evidence cards of your
# own, and 06.10, a theory exercise marked with a rubric) add 25 minutes; they may be set as homework.

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab.models import roadmaps_data as rd
from summitlab import check
from summitlab.models import roadmap as rm

sl.use_theme()
forecasts = sl.load("forecasts").query("not forecast_id.str.startswith('H')")  # H: lesson 07
launches = sl.load("missile_launches")
tests = sl.load("nuclear_tests")

# %% [markdown]
# ## 06.1 North Korea's peak exposure under the US big deal (wrangle · 5 min)
# *Objective: run the road-map model on a Hanoi offer and read its peak exposure.*
#
# `rd.roadmap("hanoi-us-big-deal")` is the US offer at Hanoi as a step table (who acts, the
# assumed cost and value of each step). A party's **exposure** after a step is what it has given
# minus what it has received so far; its **peak exposure** is the highest value it reaches.
# What is North Korea's peak exposure under the US big deal? Assign the number to `dprk_peak`.

# %%
rd.roadmap("hanoi-us-big-deal")[["position", "actor", "action", "cost", "value"]]

# %%
# STUDENT: dprk_peak = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____:
# STUDENT: # dprk_peak = rm.peak_exposure(rd.roadmap("____"))["DPRK"]
### BEGIN SOLUTION
dprk_peak = rm.peak_exposure(rd.roadmap("hanoi-us-big-deal"))["DPRK"]
### END SOLUTION

# %%
check("06.1", dprk_peak)

# %% [markdown]
# ## 06.2 Encode three forecasts (wrangle · 6 min)
# *Objective: turn verbal expectations and outcomes into a table of probabilities and true/false outcomes.*
#
# The course turns words into probabilities with one scale: *almost certainly not* = 0.1,
# *probably not* = 0.25, *even chance* = 0.5, *better than even* = 0.6, *probably* = 0.75,
# *almost certainly* = 0.9. Each probability is the chance that the question resolves **yes**.
#
# - **F02.** "Will North Korea agree at Hanoi to hand over a declaration of its nuclear
#   weapons, material and facilities?" The article: *almost certainly not*. What happened: no
#   agreement of any kind was reached.
# - **C02.** "Will Trump and Kim sign a joint document at the end of the Hanoi summit?" The
#   White House schedule listed a signing ceremony: *almost certainly*. What happened: the
#   ceremony was cancelled.
# - **C04.** "Will North Korea launch any ballistic missile between 1 March and 31 December
#   2019?" Trump, reporting Kim's promise: *almost certainly not*. What happened: launches
#   resumed in spring 2019.
#
# Build a table `encoded` with one row per forecast and the columns `forecast_id`,
# `probability` and `outcome` (`True` if the question resolved yes, else `False`).

# %%
# STUDENT: encoded = ...
# STUDENT: # Level: partly guided. pd.DataFrame({"forecast_id": [...], "probability": [...], "outcome": [...]}), one row per forecast.
### BEGIN SOLUTION
encoded = pd.DataFrame({
    "forecast_id": ["F02", "C02", "C04"],
    "probability": [0.1, 0.9, 0.1],
    "outcome": [False, False, True],
})
### END SOLUTION

# %%
check("06.2", encoded)

# %% [markdown]
# ## 06.3 The Brier score of the contrary forecasts (wrangle · 6 min)
# *Objective: compute the Brier score of a set of probability forecasts.*
#
# The Brier score is the mean of (probability − outcome)², with the outcome counted as 1 for
# yes and 0 for no. Compute it for the five forecasts in `forecasts` whose `stance` is
# `"contrary"`, **without** the `summitlab.models.forecasts` module, and assign it to `brier_contrary`.
# The check accepts it if it is right to two decimals (rounded, or with more digits).

# %%
forecasts[["forecast_id", "stance", "probability", "outcome"]]

# %%
# STUDENT: brier_contrary = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
contrary = forecasts.query("stance == 'contrary'")
brier_contrary = ((contrary["probability"] - contrary["outcome"].astype(int)) ** 2).mean()
### END SOLUTION

# %%
check("06.3", brier_contrary)

# %% [markdown]
# ## 06.4 Against the no-skill baseline (interpret · 5 min)
# *Objective: compare Brier scores with a no-skill baseline and say what the comparison shows.*
#
# A forecaster who says 0.5 to every question scores 0.25 whatever happens. Compute the Brier
# score of the article's forecasts too (you may now use `summitlab.models.forecasts.brier_score`).
# Which statement is right?
#
# - **a** Both groups of forecasts beat the always-0.5 baseline.
# - **b** The article's forecasts beat the baseline; the contrary forecasts score worse than it.
# - **c** Neither group beats the baseline.
# - **d** The contrary forecasts score better than the article's, because they were made closer to the summit.
#
# Assign the letter, in quotes, to `verdict`.

# %%
from summitlab.models import forecasts as fc

article = forecasts.query("stance == 'article'")
fc.brier_score(article["probability"], article["outcome"])

# %%
# STUDENT: verdict = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
verdict = "b"
### END SOLUTION

# %%
check("06.4", verdict)

# %% [markdown]
# ## 06.5 Missiles by class, 2017 against 2019 (wrangle · 7 min)
# *Objective: count missile launches by year and class with a groupby.*
#
# One row of `missile_launches` is one missile. Build a table `counts_2017_2019` with the
# columns `year` (a whole number, from `date_utc`), `missile_class` and `launches` (the number
# of missiles), for 2017 and 2019 only, with no rows of zeros.

# %%
# STUDENT: counts_2017_2019 = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
counts_2017_2019 = (
    launches
    .assign(year=launches["date_utc"].dt.year)
    .query("year in [2017, 2019]")
    .groupby(["year", "missile_class"], observed=True)
    .size()
    .reset_index(name="launches")
)
### END SOLUTION

# %%
check("06.5", counts_2017_2019)

# %% [markdown]
# ## 06.6 Chart the comparison (chart · 8 min)
# *Objective: build a bar chart with explicit encodings, a tooltip, a title and a description.*
#
# From `counts_2017_2019`, draw a horizontal bar chart: `x` the number of missiles
# (`launches:Q`), `y` the class (`missile_class:N`), `color` the year as a category
# (`year:N`), with the two years side by side (`yOffset`). Give it a tooltip, a title with
# units and a `description`. Assign it to `comparison_chart`.

# %%
# STUDENT: comparison_chart = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
comparison_chart = (
    alt.Chart(counts_2017_2019)
    .mark_bar()
    .encode(
        x=alt.X("launches:Q").title("Missiles launched (count)"),
        y=alt.Y("missile_class:N").title("Missile class (CNS)"),
        yOffset=alt.YOffset("year:N"),
        color=alt.Color("year:N").title("Year"),
        tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("missile_class:N", title="Class"),
                 alt.Tooltip("launches:Q", title="Missiles")],
    )
    .properties(
        title="North Korean missiles launched by class, 2017 and 2019 (count)",
        description="Horizontal bars comparing the number of missiles launched per class in 2017 and 2019.",
    )
)
### END SOLUTION

# %%
check("06.6", comparison_chart)

# %% [markdown]
# ## 06.7 Which constraint held? (interpret · 5 min)
# *Objective: read the 2019 launch and test record against the moratorium's scope.*
#
# In April 2018 North Korea declared a halt to nuclear tests and ICBM launches. Using your table
# from 06.5, the `distance_km` column and the `nuclear_tests` table, which statement about
# 1 January – 31 December 2019 is true?
#
# - **a** North Korea launched fewer missiles than in 2017.
# - **b** North Korea carried out no nuclear test and launched no ICBM.
# - **c** North Korea launched no missile from a submarine or its launch platform (SLBM).
# - **d** No North Korean missile flew more than 500 km.
#
# Assign the letter, in quotes, to `held`.

# %%
launches.query("date_utc.dt.year == 2019")["distance_km"].max(), tests["date_local"].max()

# %%
# STUDENT: held = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
held = "b"
### END SOLUTION

# %%
check("06.7", held)

# %% [markdown]
# ## 06.8 Reflection: your own forecast (reflection · 8 min, not checked)
# *Objective: state a probability forecast for a named question, with reasoning from course data.*
#
# Imagine it is 1 January 2020. The KCNA report of the party plenum has just said North Korea
# no longer sees a reason to stay bound by its test moratorium. **Question:** *Will the United
# States and North Korea hold a formal working-level negotiating round between 1 January and
# 31 December 2020?* Without looking up what happened, give your probability (a number between
# 0 and 1) and, in three to five sentences, the evidence from the course that moved you
# (name the tables or lessons). Then say what single piece of news, had it come in January 2020,
# would have changed your number most.
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** "0.25. After Hanoi the working-level channel met formally only once, at
# Stockholm, and the North declared those talks broken down the same day (`negotiation_contacts`,
# lesson 03); the plenum report threatens a 'new strategic weapon' rather than offering talks
# (`events` E098); and the two sides' Hanoi offers were far apart in the road-map model (lesson
# 04), with no sign since that either had moved. What keeps me above 0.1 is that the leaders
# kept writing letters and met at the DMZ after Hanoi, so a summit-driven restart was possible.
# The news that would move me most: a new US proposal on partial sanctions relief, the North's
# stated condition for returning." Any answer that gives a number, cites course evidence for it,
# and names what would change it is a good answer; the number itself is yours to choose.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 06.9 Build your own evidence cards (design · 15 min)
# *Objective: build evidence cards from course data and weigh them for and against the article's
# arguments.*
#
# The lesson's debate used evidence cards that the course chose. Now build your own: **at least
# three cards**, each a number **you compute** from a course table (`sl.tables()` lists them),
# none of them one of the lesson's cards. Together they must bear on **at least two** of the
# three arguments and include **at least one card that undercuts** the article.
#
# Make `my_cards`, a table with one row per card and the columns:
#
# - `argument`: `"process"`, `"sequencing"` or `"road map"`;
# - `effect`: `"supports"` or `"undercuts"`;
# - `table`: the name of the course table the number comes from (e.g. `"negotiation_contacts"`);
# - `value`: the number you computed (computed in a cell above, not typed);
# - `evidence`: one sentence that states the fact and quotes the value.
#
# The check tests the form of your cards (that they come from real tables, quote their values,
# and cover both sides); which cards you chose, and how you weigh them, is marked with the
# rubric. Compute your numbers in the first cell, then build the table.

# %%
# STUDENT: # Your computations: one variable per card.
### BEGIN SOLUTION
contacts = sl.load("negotiation_contacts").query("date <= '2019-12-31'")
after_hanoi = contacts.query("date > '2019-02-28' and channel == 'envoy or working level' and happened == 'held'")
letters = contacts.query("channel == 'leader letter'")
singapore = sl.load("commitments").query("agreement_id == 'singapore-2018'")
reciprocal = int(singapore["reciprocal_step"].sum())
launches_2019 = int((launches["date_utc"].dt.year == 2019).sum())
### END SOLUTION

# %%
# STUDENT: my_cards = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
my_cards = pd.DataFrame([
    ("process", "supports", "negotiation_contacts", len(after_hanoi),
     f"Working-level meetings held from March to December 2019: {len(after_hanoi)}"),
    ("process", "undercuts", "negotiation_contacts", len(letters),
     f"Leader letters recorded in 2018-2019, a channel that kept talking: {len(letters)}"),
    ("road map", "supports", "commitments", reciprocal,
     f"Singapore commitments that tie a step to the other side's step: {reciprocal}"),
    ("road map", "supports", "missile_launches", launches_2019,
     f"Missiles launched in 2019, with no road map agreed: {launches_2019}"),
], columns=["argument", "effect", "table", "value", "evidence"])
my_cards
### END SOLUTION

# %%
check("06.9", my_cards)

# %% [markdown]
# *Which card carries most weight, and why? (two or three sentences, marked with the rubric)* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** The card with most weight is the one on working-level meetings after Hanoi:
# the process argument predicts that without a working channel the talks would stall, and the
# meetings that followed were few (the count above, from `negotiation_contacts`, each row
# sourced). The letters card undercuts it only weakly, because letters kept the leaders in
# touch without settling anything. The launches card is the weakest: it counts missiles, not
# whether a road map would have stopped them, and it rests on one year.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 06.10 Theory against data: judging forecasts (theory · 10 min, marked by rubric)
# *Objective: evaluate a theory's expectation (Tetlock on expert forecasts) against the article's
# forecasts.*
#
# Tetlock found that experts often did little better than simple rules, such as "nothing will
# change". Test that on the article's five forecasts (the rows of `forecasts` whose `stance` is
# `"article"`).
#
# 1. In the code cell, make `article`, the five rows with a column `change` that you code by
#    reading each `question`: `True` if a *yes* would mean something changed from the situation of
#    January 2019, `False` if a yes means things stayed as they were. Then compute `article_brier`
#    (the Brier score of the article's probabilities) and `no_change_brier`, the Brier score of a
#    rule that gives probability 0 to every change and 1 to every continuation.
# 2. In three to five sentences: how do the two scores compare? How many of the five forecasts
#    were, in effect, forecasts of no change? Does a good score here show expertise, or only that
#    little changed? What kind of question would separate the two?

# %%
# STUDENT: article = ...
# STUDENT: article_brier = ...
# STUDENT: no_change_brier = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
article = forecasts[forecasts["stance"] == "article"].copy()
article["change"] = article["forecast_id"].map({"F01": True, "F02": True, "F03": True, "F04": False, "F05": True})
outcome = article["outcome"].astype(float)
article_brier = ((article["probability"] - outcome) ** 2).mean()
rule = (~article["change"]).astype(float)  # 1 for a continuation, 0 for a change
no_change_brier = ((rule - outcome) ** 2).mean()
article[["forecast_id", "change", "probability", "outcome"]], article_brier, no_change_brier
### END SOLUTION

# %% [markdown]
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** The article's five forecasts score about 0.05, a good Brier score, but the
# "nothing changes" rule scores 0, a perfect one: every one of the five questions resolved the way
# the status quo predicted. Four of the five asked whether something new would happen (a specific
# text, a declaration, two negotiating rounds, a road map) and the article said probably not; the
# fifth asked whether Yongbyon would stay active, and it said probably yes. So all five were, in
# effect, forecasts of no change, and the score shows that little changed in 2019 more than it
# shows expertise, just as Tetlock's comparison with simple rules would warn. A question on which
# the expert expected change, or on which the base rate and the expert disagreed, would separate
# skill from persistence; the contrary forecasts (C01 to C05) are closer to that, and they scored
# worse.
# <!-- END SOLUTION -->

# %% [markdown]
# ## Your progress
# Every check you ran is recorded. This table lists every exercise in the course.

# %%
sl.progress()

# %% [markdown]
# ## Save your work (Binder users: before you leave)
# A Binder session is deleted after a few minutes without activity. The next cell packs every
# exercise notebook in this folder and your progress into one `.zip` file and shows a link:
# download it, and upload it next time with `sl.restore_work("the-file-name.zip")`.

# %%
sl.save_work()
