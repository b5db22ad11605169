# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Exercises 07 — After Hanoi, 2019–2026
#
# These nine exercises go with [lesson 07](../notebooks/07-after-hanoi.ipynb). They take you
# from counting the launches after the pause, to measuring the pause, to testing the process
# argument on the contacts table, to reading SIPRI's estimates, to scoring forecasts at later
# horizons, and end with the strongest counter-argument to a verdict of your choice. Replace each
# `...`, run the cell, then run the check cell beneath it. Launch dates are **UTC**; event and
# contact dates are local. Estimated time: 45 minutes.
#
# | id | kind | objective | time |
# |---|---|---|---|
# | 07.1 | wrangle (guided) | compute how the launch record changed after the pause | 4 min |
# | 07.2 | wrangle (guided) | compute how long the pause lasted | 6 min |
# | 07.3 | wrangle | evaluate the process argument on the contacts | 5 min |
# | 07.4 | chart | chart the stockpile estimates | 8 min |
# | 07.5 | interpret | explain SIPRI's change of definition | 4 min |
# | 07.6 | wrangle (open) | compute Brier scores at later horizons | 6 min |
# | 07.7 | interpret | evaluate whose forecast score changed, and why | 4 min |
# | 07.8 | reflection | evaluate an argument with its strongest counter-argument | 8 min |
# | 07.9 | theory (rubric) | evaluate a theory's expectation against the data | 12 min |
#
# The theory exercise at the end (07.9) adds 12 minutes to the estimate above; it may be set as homework.

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab import check
from summitlab.models import forecasts as fc

sl.use_theme()
launches = sl.load("missile_launches")
contacts = sl.load("negotiation_contacts")
estimates = sl.load("stockpile_estimates")
forecasts = sl.load("forecasts")
tests = sl.load("nuclear_tests")

# %% [markdown]
# ## 07.1 Missiles launched in 2022 (wrangle, guided · 4 min)
# *Objective: compute how the launch record changed after the pause.*
#
# One row of `launches` is one **missile** (a salvo of three is three rows). How many missiles
# did North Korea launch in 2022, by `date_utc`? Fill the blank and assign the number to
# `missiles_2022`.

# %%
launches[["launch_id", "date_utc", "missile_name", "missile_class", "source_id"]].tail()

# %%
# STUDENT: missiles_2022 = ...
# STUDENT: # Level: guided. Remove the "# " in front of the line below and fill the ____:
# STUDENT: # missiles_2022 = len(launches[launches["date_utc"].dt.year == ____])
### BEGIN SOLUTION
missiles_2022 = len(launches[launches["date_utc"].dt.year == 2022])
### END SOLUTION

# %%
check("07.1", missiles_2022)

# %% [markdown]
# ## 07.2 How long did the pause last? (wrangle, guided · 6 min)
# *Objective: compute how long the pause on ICBM launches lasted.*
#
# The moratorium covered nuclear tests and ICBM launches. Find the last ICBM launch of 2017 and
# the first ICBM launch after it, whatever its outcome, and compute the number of days between
# the two UTC dates. Subtracting two dates gives a `Timedelta`; its `.days` is a whole number.
# Assign it to `pause_days`.

# %%
icbms = launches.query("missile_class == 'ICBM'").sort_values("date_utc")
icbms[["launch_id", "date_utc", "missile_name", "outcome"]].head(8)

# %%
# STUDENT: last_before = ...
# STUDENT: first_after = ...
# STUDENT: pause_days = ...
# STUDENT: # Level: guided. Remove the "# " in front of the lines below and fill each ____ (the first day of 2018, then the method that gives the earliest date):
# STUDENT: # last_before = icbms.query("date_utc < '____'")["date_utc"].max()
# STUDENT: # first_after = icbms.query("date_utc > @last_before")["date_utc"].____()
# STUDENT: # pause_days = (first_after - last_before).days
### BEGIN SOLUTION
last_before = icbms.query("date_utc < '2018-01-01'")["date_utc"].max()
first_after = icbms.query("date_utc > @last_before")["date_utc"].min()
pause_days = (first_after - last_before).days
### END SOLUTION

# %%
check("07.2", pause_days)

# %% [markdown]
# ## 07.3 Contacts held after Hanoi (wrangle · 5 min)
# *Objective: evaluate the process argument on the record after 2019.*
#
# The Hanoi summit ended on 28 February 2019 (local date). How many US–DPRK contacts in
# `contacts` took place (`happened` is `"held"`) **after** that day? Assign the number to
# `held_after`. Then look at the rows themselves: when was the last one?

# %%
contacts[["date", "channel", "happened", "outcome"]].tail(6)

# %%
# STUDENT: held_after = ...
# STUDENT: # Level: partly guided. Keep the rows with .query(...) (date after "2019-02-28" and happened == "held"), then count them with len(...).
### BEGIN SOLUTION
held_after = len(contacts.query("date > '2019-02-28' and happened == 'held'"))
### END SOLUTION

# %%
check("07.3", held_after)

# %% [markdown]
# ## 07.4 Chart SIPRI's estimates (chart · 8 min)
# *Objective: chart the stockpile estimates over time.*
#
# Keep the rows of `estimates` whose `estimator` is `"SIPRI Yearbook"` and build a point chart:
# `x` the date the estimate describes (`as_of`, temporal), `y` its high figure (`high`,
# quantitative), `color` what is counted (`quantity`, nominal), with a tooltip, a title and a
# `description` (one sentence of alt text). Assign the chart to `sipri_chart`.

# %%
sipri = estimates.query("estimator == 'SIPRI Yearbook'")
sipri[["estimate_id", "quantity", "low", "high", "as_of"]]

# %%
# STUDENT: sipri_chart = ...
# STUDENT: # Level: partly guided. alt.Chart(sipri).mark_point().encode(x=alt.X(...), y=alt.Y(...), color=alt.Color(...), tooltip=[...]), then .properties(title=..., description=...).
### BEGIN SOLUTION
sipri_chart = alt.Chart(sipri).mark_point(filled=True, size=80).encode(
    x=alt.X("as_of:T").title("Estimate as of"),
    y=alt.Y("high:Q").title("High figure (warheads)"),
    color=alt.Color("quantity:N").title("What is counted"),
    shape=alt.Shape("quantity:N").title("What is counted"),
    tooltip=[alt.Tooltip("as_of:T", title="As of", format="%Y"), alt.Tooltip("quantity:N", title="Counted"),
             alt.Tooltip("high:Q", title="High")],
).properties(title="SIPRI's estimates of North Korea's nuclear weapons",
             description="Points for SIPRI's high estimates by year, 2016-2025, marked by what is counted.")
### END SOLUTION

# %%
check("07.4", sipri_chart)

# %%
sipri_chart

# %% [markdown]
# ## 07.5 Reading SIPRI's change of definition (interpret · 4 min)
# *Objective: explain what the estimates show once SIPRI's 2022 change is taken into account.*
#
# The [codebook](../data/codebook/stockpile_estimates.md) says what SIPRI counted before and
# after its 2022 Yearbook. Which statement does the table support?
#
# - **a** North Korea's arsenal shrank between January 2021 and January 2022.
# - **b** The 2021 and 2022 figures count different things; counting assembled warheads, the
#   estimate rose after 2022.
# - **c** SIPRI published no estimate for North Korea after 2022.
# - **d** SIPRI's estimate of the material for weapons fell after 2022.
#
# Assign the letter, in quotes, to `reading`.

# %%
# STUDENT: reading = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
reading = "b"
### END SOLUTION

# %%
check("07.5", reading)

# %% [markdown]
# ## 07.6 The article's forecasts at later horizons (wrangle, open · 6 min)
# *Objective: compute Brier scores at several horizons, counting only statements made before the outcome.*
#
# The rows of `forecasts` whose `forecast_id` starts with `H` read old forecasts again at the
# 2020, 2022 and 2024 horizons. First check that every one was stated before it resolved. Then
# compute the **Brier score** (lesson 06) of the article's rows among them (`stance` is
# `"article"`). Assign it to `article_brier`; the check accepts it if it is right to three
# decimals (rounded, or with more digits).

# %%
later = forecasts[forecasts["forecast_id"].str.startswith("H")]
later[["forecast_id", "stance", "stated_date", "resolution_date", "probability", "outcome"]]

# %%
(later["stated_date"] < later["resolution_date"]).all()

# %%
# STUDENT: article_brier = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
rows = later.query("stance == 'article'")
article_brier = fc.brier_score(rows["probability"], rows["outcome"])
### END SOLUTION

# %%
check("07.6", article_brier)

# %% [markdown]
# ## 07.7 Whose score changed, and why? (interpret · 4 min)
# *Objective: evaluate a forecast at several horizons and name the evidence that changed its score.*
#
# Compute the squared error of each `H` row and compare the 2020 and 2022 horizons (the cell
# below does it). Which statement is right?
#
# - **a** The article's score got worse by 2022, because working-level talks resumed.
# - **b** Trump's score got worse by 2022, because ICBM launches resumed that year.
# - **c** Neither score changed between 2020 and 2022.
# - **d** Trump's score got worse by 2022, because North Korea tested a nuclear device that year.
#
# Assign the letter, in quotes, to `changed`.

# %%
later.assign(squared_error=fc.brier_components(later["probability"], later["outcome"]),
             horizon=later["resolution_date"].dt.year)[["forecast_id", "stance", "horizon", "squared_error"]]

# %%
# STUDENT: changed = ...
# STUDENT: # Level: open (one letter, in quotes).
### BEGIN SOLUTION
changed = "b"
### END SOLUTION

# %%
check("07.7", changed)

# %% [markdown]
# ## 07.8 Reflection: the strongest counter-argument (reflection · 8 min, not checked)
# *Objective: evaluate one of the article's arguments on the 2019–2026 record.*
#
# Pick one of the three arguments (process, sequencing, road map). In four to six sentences:
# say what the record of 2019–2026 shows about it (name the tables and rows you use), give the
# **strongest** counter-argument you can, and say which theory from the lesson's *Theory and
# further reading* section (the commitment problem, costly signals, verification) best explains
# what happened, and why.
#
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** "Road map. After 2019 there was no freeze, no declaration and no agreed
# order of steps: the moratorium's scope broke with the ICBM launch of March 2022
# (`missile_launches`), and SIPRI's assembled warheads rose after 2022 (`stockpile_estimates`,
# se-017 to se-023). So the article's expectation that the arsenal would grow without a road map
# held. The strongest counter-argument is that this shows only what happens with *no* deal: the
# North said in 2025 that it would not trade its weapons for relief at all (`statements` S094), so
# no road map, however well ordered, may have been on offer. The commitment problem explains this
# best: weapons given up cannot be rebuilt quickly, while sanctions relief can be reversed, so a
# side that fears being exploited later refuses any sequence." Any answer that uses course data
# for the verdict, gives a counter-argument that could really change the verdict, and ties it to a
# named theory is a good answer.
# <!-- END SOLUTION -->

# %% [markdown]
# ## 07.9 Theory against data: tying hands (theory · 12 min, marked by rubric)
# *Objective: evaluate a theory's expectation (Fearon's costly signals: tying hands) against
# statements and launches after the 2022 nuclear-forces law.*
#
# The lesson's theory section reads the law of 8 September 2022 on North Korea's nuclear forces
# (E134 in `events`, a local date) as Pyongyang *tying its hands* against trading its weapons
# away. The theory expects that afterwards Pyongyang would stop offering anything on its weapons
# and would show them more, not less.
#
# 1. In the code cell, count `icbm_before`, the ICBMs launched (class `"ICBM"`, `date_utc`) from
#    1 March 2019 up to 7 September 2022, and `icbm_after`, those launched after 8 September 2022;
#    and make `dprk_after`, the North Korean rows of `sl.load("statements")` dated after
#    8 September 2022, with their `date`, `topic` and `paraphrase`.
# 2. In four to six sentences: does any North Korean statement after the law offer talks about
#    its weapons, and on what condition? How many ICBMs came before and after, over how long? Does
#    the evidence fit the theory? Name one other explanation that would produce the same pattern,
#    and a fact from the course's tables that speaks for it.

# %%
# STUDENT: icbm_before = ...
# STUDENT: icbm_after = ...
# STUDENT: dprk_after = ...
# STUDENT: # Level: open.
### BEGIN SOLUTION
icbm = launches[launches["missile_class"] == "ICBM"]
icbm_before = int(icbm["date_utc"].between("2019-03-01", "2022-09-07").sum())
icbm_after = int((icbm["date_utc"] > "2022-09-08").sum())
statements = sl.load("statements")
dprk_after = statements.query("party == 'DPRK' and date > '2022-09-08'")[["date", "topic", "paraphrase"]]
icbm_before, icbm_after, dprk_after
### END SOLUTION

# %% [markdown]
# *Your answer:* …
#
# <!-- BEGIN SOLUTION -->
# **A model answer.** None of the five North Korean statements in the table after the law offers
# talks about its weapons: in July 2025 Kim Yo Jong, and in September 2025 Kim Jong Un, said talks
# could happen only if the US accepted the North's nuclear status or dropped its demand for
# denuclearization (S093, S094); Kim added that the weapons would never be traded. ICBM launches rose: 3 from March 2019 to the law, all
# in 2022, against 8 in the roughly two years after it (to October 2024, by the CNS count). Both
# fit the tying-hands reading. But the same pattern would follow if the weapons programme simply
# ran on its own schedule: the party congress of January 2021 (E131) had already set five-year
# defence goals, and three ICBMs had flown in 2022 before the law. A second rival is the alliance
# with Russia (S089, June 2024), which made a deal with Washington less necessary. The data cannot
# tell these apart, because the law, the testing plan and the Russian turn all point the same way.
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
