# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 05 · Arms-control road maps: what a declaration, a freeze and verification would have required
#
# The third argument of the seed article (source `washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`),
# in our paraphrase: by early 2019 there was still no plan for limiting North Korea's weapons. The
# first step such a plan needs — a *declaration* of what the North holds — had been refused, so
# there was nothing to count against. What Pyongyang did instead was done on its own terms, could
# be undone, and was not checked by outsiders, while work went on at other sites. And because the
# Singapore statement promised nothing specific, none of this broke a promise.
#
# This lesson gives you the quantitative tools of arms control to test that argument. A few terms
# first:
#
# - **Denuclearization**: giving up nuclear weapons and the means to make them. Washington and
#   Pyongyang used the word differently (lesson 02).
# - **Declaration**: a list, given by the inspected state, of its weapons, fissile material and
#   facilities. It is the *baseline* against which every later step is counted.
# - **Freeze** (or **moratorium**): a halt — to tests, or to the production of fissile material —
#   without taking anything apart yet.
# - **Verification**: outsiders' checks that a party does what it says: remote monitoring (seismic
#   stations, satellites) or *inspections* on site.
# - **Dismantlement**: taking a facility apart; **reversible** if it can be put back together.
#
# **Objectives.** By the end of this lesson you can:
# - *compute* ranges of possible warheads from estimates of fissile material, under stated
#   assumptions, and *explain* why the uncertainty compounds;
# - *estimate* a nuclear test's yield from its body-wave magnitude with a published relation, and
#   *compare* it with published estimates;
# - *chart* what North Korea dismantled, offered and kept running in 2018–2019, and who saw it;
# - *build* a phased road map as a Gantt chart and *check* it against the sequencing rules of lesson 04;
# - *evaluate* the article's claim that there was no road map toward arms control.
#
# **Prerequisites:** lessons 00 (how the course works), 02 (the Singapore statement) and
# 04 (sequencing rules).
# {estimated_time}
# **Data used:** [`stockpile_estimates`](../data/codebook/stockpile_estimates.md),
# [`fissile_material_per_weapon`](../data/codebook/fissile_material_per_weapon.md),
# [`nuclear_tests`](../data/codebook/nuclear_tests.md),
# [`nuclear_yield_estimates`](../data/codebook/nuclear_yield_estimates.md),
# [`magnitude_yield_relations`](../data/codebook/magnitude_yield_relations.md),
# [`facilities`](../data/codebook/facilities.md),
# [`facility_status_changes`](../data/codebook/facility_status_changes.md),
# [`agreements`](../data/codebook/agreements.md), [`commitments`](../data/codebook/commitments.md),
# [`roadmap_phases`](../data/codebook/roadmap_phases.md),
# [`statements`](../data/codebook/statements.md) and [`events`](../data/codebook/events.md).

# %%
import altair as alt
import numpy as np
import pandas as pd

import summitlab as sl
from summitlab import charts
from summitlab.models import roadmap, seismic

sl.use_theme()

# %% [markdown]
# **Code new in this lesson.** Beyond the primer and lessons 01–04, this lesson uses:
# - `np.where(condition, a, b)` (NumPy): `a` where the condition holds, `b` elsewhere; `.replace(mapping)` swaps values by a dict.
# - `.item()`: the single value of a one-element Series.
# - `.pipe(function)`: passes the whole table to a function, to keep a chain going.
# - Altair: `.resolve_scale(color="independent")` gives each layer its own colour scale; `alt.datum.field` refers to a field
#   inside an `alt.when(...)` condition.
# - Course functions (`summitlab`): `seismic.yield_kt(mb, a, b)` is the yield in kilotons that a magnitude `mb`
#   implies under the relation mb = a + b log10(yield); `seismic.yields_by_relation(tests, relations)` applies every
#   relation to every test (one row each, with a `yield_kt` column); `seismic.error_factor(delta_mb, b)` is the factor
#   by which the yield changes when the magnitude is off by `delta_mb`; `charts.gantt(plan, title=..., description=...)`
#   draws a phased plan as a Gantt chart, one bar per step from its `start` to its `end`.

# %% [markdown]
# ## Why does a declaration matter?
# How many nuclear weapons did North Korea have when the talks began? Outsiders could only
# estimate. The `stockpile_estimates` table keeps every published estimate we could source for
# 2016–2019, each with its estimator; a figure given as "up to N" has no lower bound.

# %%
estimates = sl.load("stockpile_estimates").query("as_of <= '2019-12-31'")  # later: lesson 07
warheads = estimates[estimates["unit"].eq("warheads")].copy()
warheads[["estimate_id", "estimator", "quantity", "low", "high", "as_of", "source_id"]]

# %% [markdown]
# Each row becomes a line from its low to its high figure. An "up to N" figure is drawn from zero
# with a dashed line. Click an estimator in the legend to pick out its estimates.

# %%
SHORT = {"Bulletin of the Atomic Scientists Nuclear Notebook (Kristensen & Norris)": "Bulletin Nuclear Notebook",
         "Institute for Science and International Security (Albright)": "ISIS (Albright)"}
ranges = warheads.assign(
    estimator_shown=lambda t: t["estimator"].astype(str).replace(SHORT),
    label=lambda t: t["as_of"].dt.strftime("%Y-%m") + " · " + t["estimator_shown"],
    low_shown=lambda t: t["low"].fillna(0),
    figure=lambda t: np.where(t["low"].isna(), "upper figure only", "range or single figure"),
).sort_values("as_of")
pick, pick_menu = charts.legend_or_menu(ranges, "estimator_shown", "Estimator")
tooltip = [alt.Tooltip("estimator:N", title="Estimator"), alt.Tooltip("quantity:N", title="What is counted"),
           alt.Tooltip("low:Q", title="Low"), alt.Tooltip("high:Q", title="High"),
           alt.Tooltip("as_of:T", title="As of", format="%b %Y"), alt.Tooltip("source_id:N", title="Source")]

# %%
base = alt.Chart(ranges).encode(
    y=alt.Y("label:N").title("Date described · estimator").sort(list(ranges["label"])).axis(labelLimit=240),
    # The legend uses the short names that the axis labels show, so the labels name the colour.
    color=alt.Color("estimator_shown:N").title("Estimator").legend(orient="bottom", columns=1, labelLimit=420),
    opacity=alt.when(pick & pick_menu).then(alt.value(1.0)).otherwise(alt.value(0.2)),
    tooltip=tooltip)

# %%
lines = base.mark_rule(strokeWidth=3).encode(
    x=alt.X("low_shown:Q").title("Nuclear weapons (number)"), x2="high:Q",
    strokeDash=alt.StrokeDash("figure:N").title("Figure given"))
ends = base.mark_point(filled=True, size=70).encode(
    x="high:Q", shape=alt.Shape("quantity:N").title("What is counted")).add_params(pick, pick_menu)
(lines + ends).properties(
    title="Published estimates of North Korea's nuclear weapons, 2016–2019", width=460,
    description="Range chart: one line per published estimate of North Korean nuclear weapons, "
                "from its low to its high figure, ordered by the date it describes and coloured by estimator.")

# %% How this sentence is computed tags=["hide-input"]
lowest, highest = warheads["low"].min(), warheads["high"].max()
jan_2018 = warheads[warheads["as_of"].dt.year.eq(2018)]
sl.takeaway(
    f"Published figures for 2016–2019 run from {lowest:.0f} to {highest:.0f} weapons, a factor of "
    f"{highest / lowest:.0f}; for the start of 2018 alone, {len(jan_2018)} estimates run from "
    f"{jan_2018['low'].min():.0f} to {jan_2018['high'].max():.0f}. Part of the gap is what is counted "
    "(assembled weapons or material for weapons) — exactly what a declaration would settle."
)

# %% [markdown]
# ### From kilograms to weapons
# Some estimates count material, not weapons. How many weapons could that material make? It
# depends on how many kilograms one weapon needs — which depends on the design, which is secret.
# The course keeps published planning figures in `fissile_material_per_weapon`; they are
# **assumptions**, and you can change them.

# %%
per_weapon = sl.load("fissile_material_per_weapon")
per_weapon[["material", "basis", "kg_low", "kg_high", "source_id"]]

# %% [markdown]
# The Institute for Science and International Security estimated North Korea's separated
# plutonium and weapon-grade uranium at the end of 2016. Dividing the *least* material by the
# *most* kilograms per weapon gives the fewest weapons; the most material by the fewest
# kilograms gives the most. Only whole weapons count, so we round down.

# %%
planning = per_weapon[per_weapon["basis"].eq("amount needed for one weapon")]
material = (
    estimates[estimates["unit"].eq("kg")]
    .assign(material=lambda t: t["quantity"].astype(str))
    .merge(planning[["material", "kg_low", "kg_high"]], on="material")
    .assign(fewest=lambda t: t["low"] // t["kg_high"], most=lambda t: t["high"] // t["kg_low"])
)
material[["material", "low", "high", "kg_low", "kg_high", "fewest", "most"]]

# %%
total = pd.DataFrame({"material": ["both materials"], "fewest": [material["fewest"].sum()],
                      "most": [material["most"].sum()]})
weapons = pd.concat([material[["material", "fewest", "most"]], total], ignore_index=True)
alt.Chart(weapons).mark_bar(height=18).encode(
    x=alt.X("fewest:Q").title("Possible weapons (number, whole weapons)"), x2="most:Q",
    y=alt.Y("material:N").title("Material").sort(list(weapons["material"])),
    tooltip=[alt.Tooltip("material:N", title="Material"), alt.Tooltip("fewest:Q", title="Fewest"),
             alt.Tooltip("most:Q", title="Most")],
).properties(title="Weapons that ISIS's end-2016 material estimates could make",
             description="Bars from the fewest to the most weapons that the estimated plutonium, uranium "
                         "and both together could make under the course's planning assumptions.")

# %% How this sentence is computed tags=["hide-input"]
heu = material.set_index("material").loc["highly enriched uranium"]
sl.takeaway(
    f"The uranium estimate spans a factor of {heu['high'] / heu['low']:.1f} and kilograms per weapon "
    f"a factor of {heu['kg_high'] / heu['kg_low']:.1f}; together they give "
    f"{total['fewest'].item():.0f} to {total['most'].item():.0f} weapons, a factor of "
    f"{total['most'].item() / total['fewest'].item():.1f}. Uncertainties multiply: without a "
    "declaration, nobody can say how much there is to limit."
)

# %% How this sentence is computed tags=["hide-input"]
isis = estimates.set_index("estimate_id").loc["se-012"]
sl.takeaway(
    f"ISIS itself put the end-2016 arsenal at {isis['low']:g}–{isis['high']:g} weapons (row se-012), "
    "assuming that only part of the material was made into weapons (the row's note gives the share): "
    "one more assumption, narrowing the range."
)

# %% [markdown]
# Try the IAEA *significant quantities* instead (the other rows of `per_weapon`): they are
# generous by design, so they give fewer weapons.

# %% [markdown]
# ## Reading the tests from afar
# Can outsiders at least measure what North Korea tested? Each of its six nuclear tests shook the
# ground, and seismometers around the world recorded the waves. Their size is the **body-wave
# magnitude** (mb): a logarithmic measure of the P waves, the first waves to arrive, recorded
# far from the source. The **yield** — the explosive energy, in kilotons (kt) of TNT — is not
# measured; it is inferred with a *magnitude–yield relation* fitted to explosions of known yield:
#
# $$m_b = a + b \log_{10} Y \quad\Longleftrightarrow\quad Y = 10^{(m_b - a)/b}$$
#
# The constants depend on the rock around the explosion (hard, water-saturated rock passes on
# more energy) and on the mantle under the test site: a hot, active mantle such as Nevada's
# weakens the waves more than a stable one such as Soviet Kazakhstan's, so equal explosions give
# different magnitudes (the "bias"; source `hafemeister-1995-04-monitoring-nuclear-test-ban-treaties`).
# Nobody has calibrated a relation on Punggye-ri, so any choice is an assumption.

# %%
tests = sl.load("nuclear_tests")
relations = sl.load("magnitude_yield_relations")
relations[["relation_id", "intercept_a", "slope_b", "site_conditions", "source_id"]]

# %% [markdown]
# A first check: in 1988 the United States measured on site, with its own equipment, the yield
# of a Soviet explosion at Shagan River. The `calibration_explosions` table holds its magnitude
# and measured yield, with their source. What do the two relations give for it?

# %%
calibration = sl.load("calibration_explosions").set_index("explosion_id").loc["jve-1988-shagan"]
print(f"{calibration['name']} ({calibration['year']}): mb {calibration['mb']}, measured {calibration['yield_low_kt']:g}-"
      f"{calibration['yield_high_kt']:g} kt [{calibration['source_id']}]")
jve = relations.assign(estimate_kt=lambda t: seismic.yield_kt(calibration["mb"], t["intercept_a"], t["slope_b"]))
jve[["relation_id", "estimate_kt"]].round(0)

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"For an explosion measured at {calibration['yield_low_kt']:g}–{calibration['yield_high_kt']:g} kt, the relations give "
    + " and ".join(f"{v:.0f} kt" for v in jve["estimate_kt"])
    + ": right in order of magnitude, but not to within ten percent, even at a well-studied site."
)

# %% [markdown]
# Now the six North Korean tests, under each relation, against the published estimates (the
# `nuclear_yield_estimates` table: governments, institutes and peer-reviewed studies).

# %%
formula = seismic.yields_by_relation(tests, relations).assign(series=lambda t: t["relation_id"])
published = (
    sl.load("nuclear_yield_estimates")
    .melt(id_vars=["test_number", "estimator", "estimator_type"],
          value_vars=["yield_low_kt", "yield_central_kt", "yield_high_kt"], var_name="figure", value_name="kt")
    .dropna(subset=["kt"])
    .assign(series="published", figure=lambda t: t["figure"].str.removeprefix("yield_").str.removesuffix("_kt"))
)
published.head()

# %% [markdown]
# Published figures are grey points (click an estimator type in the legend to highlight it);
# each relation's yield is a black diamond or square. The vertical axis is logarithmic: each
# step is ten times the one below.

# %%
by_type, by_type_menu = charts.legend_or_menu(published, "estimator_type", "Published by")
kt_axis = alt.Y("kt:Q").title("Yield (kilotons, log scale)").scale(type="log")
test_axis = alt.X("test_number:O").title("Nuclear test (1 = 2006, 6 = 2017)").axis(labelAngle=0)
dots = alt.Chart(published).mark_point(size=55, filled=True).encode(
    x=test_axis, xOffset="series:N", y=kt_axis,
    color=alt.Color("estimator_type:N").title("Published by"),
    shape=alt.Shape("estimator_type:N").title("Published by"),
    opacity=alt.when(by_type & by_type_menu).then(alt.value(0.9)).otherwise(alt.value(0.15)),
    tooltip=[alt.Tooltip("estimator:N", title="Estimator"), alt.Tooltip("figure:N", title="Figure"),
             alt.Tooltip("kt:Q", title="Kilotons", format=".1f")],
).add_params(by_type, by_type_menu)

# %%
fits = alt.Chart(formula).mark_point(size=90, filled=True, color="black").encode(
    x=test_axis, xOffset="series:N", y=alt.Y("yield_kt:Q").scale(type="log"),
    shape=alt.Shape("relation_id:N").title("Relation").scale(range=["diamond", "square"]),
    tooltip=[alt.Tooltip("relation_id:N", title="Relation"), alt.Tooltip("mb_usgs:Q", title="mb (USGS)"),
             alt.Tooltip("yield_kt:Q", title="Kilotons", format=".1f")])
(dots + fits).resolve_scale(color="independent", shape="independent").properties(
    title="Yields of North Korea's six tests: two relations against published estimates",
    description="Dot chart on a log scale: for each nuclear test, the published yield estimates "
                "and the yields two magnitude-yield relations give for the USGS magnitude.",
    width=520)

# %% How this sentence is computed tags=["hide-input"]
ranges_kt = published.groupby("test_number")["kt"].agg(["min", "max"])
sixth = formula[formula["test_number"].eq(6)].set_index("relation_id")["yield_kt"]
sl.takeaway(
    "How many formula yields fall inside the range of published estimates is yours to count in exercise 05.3. "
    f"For the 2017 test the two relations give {sixth.min():.0f} and {sixth.max():.0f} kt, while published "
    f"figures run from {ranges_kt.loc[6, 'min']:.0f} to {ranges_kt.loc[6, 'max']:.0f} kt."
)

# %% [markdown]
# How much do the constants matter? Because the yield is 10 raised to (mb − a)/b, an error in the
# magnitude — or in the intercept a, which carries the site's geology — multiplies the yield.
# After the 2017 test the CTBTO and NORSAR raised their magnitude from 5.8 to 6.1 (see the
# `nuclear_tests` notes), and 38 North doubled its yield estimate.

# %%
slope = relations.set_index("relation_id").loc["sykes-1991-hard-rock", "slope_b"]
shifts = pd.DataFrame({"error_in_mb": [0.1, 0.2, 0.3, 0.5]})
shifts.assign(yield_multiplied_by=lambda t: seismic.error_factor(t["error_in_mb"], slope).round(2))

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"With a slope of {slope}, an error of 0.1 in magnitude or intercept changes the yield by a factor "
    f"of {seismic.error_factor(0.1, slope):.2f}, and the 0.3 revision after the 2017 test by a factor of "
    f"{seismic.error_factor(0.3, slope):.1f}. Seismology gives the order of magnitude, not the exact yield."
)

# %% [markdown]
# Try it yourself: the slider below shifts the intercept a of the hard-rock relation. A site whose
# mantle weakens the waves more (like Nevada's) has a *lower* intercept — the same yield gives a
# smaller magnitude — so the same magnitude implies a *larger* yield. The grey bars are the ranges
# of published estimates.

# %% How this chart is built tags=["hide-input"]
a, b = relations.set_index("relation_id").loc["sykes-1991-hard-rock", ["intercept_a", "slope_b"]]
shift = alt.param(name="shift", value=0.0, bind=alt.binding_range(
    min=-0.4, max=0.4, step=0.05, name="Shift of the intercept a (magnitude units): "))
published_ranges = alt.Chart(ranges_kt.reset_index()).mark_rule(strokeWidth=8, color="#bbbbbb").encode(
    x=test_axis, y=alt.Y("min:Q").scale(type="log", domain=[0.1, 1000]).title("Yield (kilotons, log scale)"),
    y2="max:Q", tooltip=[alt.Tooltip("min:Q", title="Smallest published (kt)"),
                         alt.Tooltip("max:Q", title="Largest published (kt)")])

# %% How this chart is built tags=["hide-input"]
shifted = alt.Chart(tests).transform_calculate(kt=f"pow(10, (datum.mb_usgs - ({a} + shift)) / {b})").mark_point(
    shape="diamond", size=120, filled=True, color="black").encode(
    x=test_axis, y=alt.Y("kt:Q").scale(type="log", domain=[0.1, 1000]),
    tooltip=[alt.Tooltip("mb_usgs:Q", title="mb (USGS)"), alt.Tooltip("kt:Q", title="Kilotons", format=".1f")],
).add_params(shift)
(published_ranges + shifted).properties(
    title="What if the site constant were different? Hard-rock relation with a shifted intercept",
    description="Log-scale chart of the six tests: grey bars show the range of published yield estimates, "
                "black diamonds the yield from the hard-rock relation, moved by a slider that shifts its intercept.",
    width=420,
)

# %% [markdown]
# **What can seismology verify, and what can't it?** Seismic networks detected and located every
# one of the six North Korean tests (the USGS records each in `nuclear_tests`), but, as computed
# above, they give the yield only to within a factor of two or more, depending on the constants
# assumed. A *test moratorium* can therefore be checked from afar. Seismology cannot say what the device was, how
# many weapons exist, or how much material is being produced: for those, only a declaration and
# inspections on site would do.

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"All {len(tests)} tests were detected and located from afar, so a test moratorium can be verified without "
    "inspectors; the size of the stockpile and of production cannot."
)

# %% [markdown]
# ## What was dismantled, and what kept running?
# Which steps did North Korea take at its sites in 2018–2019, who saw them, and could they be
# undone? The `facility_status_changes` table records each dated change and its observer; we group
# the statuses into four kinds.

# %%
facilities = sl.load("facilities")
KINDS = {"dismantled (claimed)": "step taken", "partly dismantled": "step taken", "offered": "offer",
         "rebuilt": "activity or rebuilding", "activity observed": "activity or rebuilding",
         "operating": "activity or rebuilding", "expanded": "activity or rebuilding",
         "reported": "report or no activity seen", "no activity observed": "report or no activity seen"}
changes = (
    sl.load("facility_status_changes")
    .merge(facilities[["facility_id", "name", "type"]], on="facility_id")
    .assign(kind=lambda t: t["status"].astype(str).map(KINDS),
            experts=lambda t: t["outside_experts_present"].astype("string").fillna("not applicable"))
)

# %% [markdown]
# The dashed lines are the summits of the period. Click a kind in the legend to pick it out.

# %%
events = sl.load("events")
key_events = events.query("event_type == 'summit' and track in ['US-DPRK', 'inter-Korean'] and date.dt.year in [2018, 2019]")
key_events = key_events.assign(label=key_events["track"].astype(str) + ": " + key_events["location"].str.split(",").str[0])
by_kind, by_kind_menu = charts.legend_or_menu(changes, "kind", "Kind of change")
sites = alt.Chart(changes).mark_point(size=80, filled=True).encode(
    x=alt.X("date:T").title("Date (local)"),
    y=alt.Y("name:N").title("Site").axis(labelLimit=260),
    color=alt.Color("kind:N").title("Kind of change"), shape=alt.Shape("kind:N").title("Kind of change"),
    opacity=alt.when(by_kind & by_kind_menu).then(alt.value(1.0)).otherwise(alt.value(0.15)),
    tooltip=[alt.Tooltip("name:N", title="Site"), alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
             alt.Tooltip("status:N", title="Status"), alt.Tooltip("observed_by:N", title="Observed by"),
             alt.Tooltip("experts:N", title="Outside experts present")],
).add_params(by_kind, by_kind_menu)

# %%
charts.annotated_timeline(
    sites.properties(width=520, height=380), key_events,  # a fixed height lets the rules span the rows
    title="North Korean nuclear and missile sites, 2018–2019: steps, offers and activity",
    description="Timeline of dated changes at North Korean sites (steps taken, offers, activity, reports), "
                "one row per site, with the 2018-2019 summits drawn as dashed lines.")

# %%
observed = (
    changes.groupby("status", observed=True)
    .agg(changes=("change_id", "size"), with_outside_experts=("outside_experts_present", "sum"),
         coded_reversible=("reversible", "sum"))
    .reset_index()
)
observed

# %% How this sentence is computed tags=["hide-input"]
steps_taken = changes[changes["kind"].eq("step taken")]
sl.takeaway(
    f"Of {len(changes)} recorded changes, {int(observed['with_outside_experts'].sum())} were seen by outside "
    f"experts or inspectors. Of the {len(steps_taken)} records of dismantling, {int(steps_taken['reversible'].sum())} "
    f"are coded reversible, and {int(observed.set_index('status').loc['rebuilt', 'changes'])} records show "
    "removed parts being put back in 2019."
)

# %% [markdown]
# At Hanoi (27–28 February 2019) North Korea offered to dismantle the Yongbyon complex. Which
# sites did the offer cover, by the North's own account?

# %%
facilities[["name", "type", "declared_by_dprk", "offered_at_hanoi"]]

# %% How this sentence is computed tags=["hide-input"]
offer = facilities["offered_at_hanoi"]
left_out = facilities[offer.eq(False)]
hidden = left_out[left_out["declared_by_dprk"].eq(False)]["name"].str.split(" \\(").str[0]
sl.takeaway(
    f"The offer covered {int(offer.sum())} of the {len(facilities)} sites in the table (Yongbyon and its parts); "
    f"{len(left_out)} were left out, among them {len(hidden)} the North had never acknowledged: {', '.join(hidden)}."
)

# %% [markdown]
# ## Was any promise broken?
# The article notes that none of this broke a promise, because none specific was made. Did the
# 2018 texts contain nuclear commitments that were checkable? The `commitments` table codes each
# promise for whether it names verification, a deadline or a specific facility (lesson 02
# explains the coding). We compare the denuclearization commitments of each agreement.

# %%
features = {"has_verification": "names verification", "has_deadline": "has a deadline", "names_facility": "names a facility"}
agreements = sl.load("agreements")[["agreement_id", "date"]]
specific = (
    sl.load("commitments")
    .pipe(lambda t: t[t["pillar"].eq("denuclearization")])
    .melt(id_vars=["agreement_id"], value_vars=list(features), var_name="feature", value_name="present")
    .assign(feature=lambda t: t["feature"].map(features))
    .groupby(["agreement_id", "feature"], as_index=False)
    .agg(commitments=("present", "size"), with_feature=("present", "sum"))
    .merge(agreements, on="agreement_id")
    .assign(share=lambda t: t["with_feature"] / t["commitments"],
            text=lambda t: t["with_feature"].astype(str) + " of " + t["commitments"].astype(str))
)

# %%
grid = alt.Chart(specific).properties(width=330, height=230).encode(
    x=alt.X("feature:N").title("Feature of the commitment").axis(labelAngle=0),
    y=alt.Y("agreement_id:N").title("Agreement (oldest first)").sort(list(specific.sort_values("date")["agreement_id"].unique())),
    tooltip=[alt.Tooltip("agreement_id:N", title="Agreement"), alt.Tooltip("feature:N", title="Feature"),
             alt.Tooltip("text:N", title="Denuclearization commitments with it")])
(grid.mark_rect().encode(color=alt.Color("share:Q").title("Share with the feature").scale(domain=[0, 1]))
 + grid.mark_text(fontSize=12).encode(
     text="text:N", color=alt.when(alt.datum.share > 0.6).then(alt.value("white")).otherwise(alt.value("black")))
 ).properties(
    title="How checkable were the denuclearization promises? 1994–2018",
    description="Grid of agreements by feature, showing how many of each agreement's denuclearization "
                "commitments name verification, a deadline or a specific facility.")

# %% How this sentence is computed tags=["hide-input"]
cell = specific.set_index(["agreement_id", "feature"])["text"]
sl.takeaway(
    f"The 1994 Agreed Framework's denuclearization commitments name verification in "
    f"{cell['agreed-framework-1994', 'names verification']}; Singapore's in {cell['singapore-2018', 'names verification']}, "
    f"with deadlines in {cell['singapore-2018', 'has a deadline']} and named facilities in "
    f"{cell['singapore-2018', 'names a facility']}. "
    "A promise with no site, date or check cannot be broken — the article's point."
)

# %% [markdown]
# ## Verification: what would each step require?
# How could outsiders check each step of a road map — and what did the 1994 Agreed Framework
# provide at Yongbyon? The table below is **the course's own illustration**, not a sourced
# table: our summary of what each kind of step needs before outsiders can trust it, checks from
# afar or only on site. Treat it as a starting point to argue with, not as data.

# %% How this table is built tags=["hide-input"]
needs = pd.DataFrame([
    ("test freeze", "seismic, radionuclide and satellite monitoring", "yes"),
    ("production freeze", "inspectors or monitoring equipment at each plant", "partly: imagery sees steam and cooling water"),
    ("declaration", "access to records, samples and sites to check the list", "no"),
    ("inspection", "agreed access for inspectors, and a declaration saying where to go", "no"),
    ("dismantlement", "inspectors present, and a baseline to count against", "no"),
    ("elimination", "custody of material and weapons handed over, under inspection", "no"),
], columns=["category", "verifying it needs", "possible from afar?"]).assign(basis="course illustration")
needs

# %% How this sentence is computed tags=["hide-input"]
from_afar = needs["possible from afar?"]
sl.takeaway(
    f"In this illustration {int(from_afar.eq('yes').sum())} of {len(needs)} kinds of step can be checked "
    f"from afar ({', '.join(needs.loc[from_afar.eq('yes'), 'category'])}), "
    f"{int(from_afar.str.startswith('partly').sum())} partly, and {int(from_afar.eq('no').sum())} only on site."
)

# %% [markdown]
# What did the 1994 Agreed Framework provide at Yongbyon? Its denuclearization commitments, as
# the `commitments` table paraphrases them:

# %%
af = sl.load("commitments").pipe(lambda t: t[t["agreement_id"].eq("agreed-framework-1994") & t["pillar"].eq("denuclearization")])
af[["position", "commitment", "has_verification", "has_deadline"]]

# %% How this sentence is computed tags=["hide-input"]
checked = af[af["has_verification"].eq(True)]
sl.takeaway(
    f"In 1994, {len(checked)} of {len(af)} denuclearization commitments named verification: the IAEA was to "
    "monitor the freeze, due within a month of signing, but checking what the North had produced before was put off to a later milestone "
    "of the reactor project. In 2018–2019 there was neither an inspected production freeze nor a declaration."
)

# %% [markdown]
# ## A phased road map
# What would a road map have looked like? In May 2018 Siegfried Hecker, Robert Carlin and Elliot
# Serbin at Stanford proposed one built on three words: **halt, roll back, eliminate**. We read the
# report only through Stanford's own news item and press accounts, so `roadmap_phases` keeps only
# what those sources say — and leaves the rest empty rather than guess.

# %%
phases = sl.load("roadmap_phases")
phases[["phase", "activities", "years_low", "years_high", "source_id"]]

# %% How this sentence is computed tags=["hide-input"]
sourced = phases[phases["phase"].ne("whole road map") & phases["years_high"].notna()]
whole = phases.set_index("phase").loc["whole road map"]
sl.takeaway(
    f"Of the three phases, durations are sourced for {len(sourced)} ({', '.join(sourced['phase'])}); the whole "
    f"plan was to take {whole['years_low']:.0f} years, perhaps up to {whole['years_high']:.0f}. Halting "
    "comes first; eliminating the arsenal comes last."
)

# %% [markdown]
# Because the sources do not say when each phase starts, we cannot draw *their* plan. Below is
# an **illustrative plan of the course's own** (not sourced: its steps and years are our
# choices), built to fit the sourced durations above (the halt phase's upper bound, and the
# whole plan's lower bound). It is a *step table*: one row per step, with the party that acts,
# its category (the names lesson 04's rules use) and when it starts and ends, in years after an
# agreement.

# %%
plan = pd.DataFrame([
    ("Freeze nuclear and long-range missile tests", "halt", "DPRK", "test freeze", 0, 1),
    ("Scale down large joint exercises", "halt", "US", "exercise restraint", 0, 1),
    ("Halt plutonium and uranium production", "halt", "DPRK", "production freeze", 0.5, 1),
    ("Open liaison offices", "halt", "US", "liaison office", 0.5, 1),
    ("Declare material, weapons and sites", "roll back", "DPRK", "declaration", 1, 2),
    ("Inspect declared sites", "roll back", "DPRK", "inspection", 1.5, 4),
    ("Ease some sanctions", "roll back", "US", "sanctions relief", 2, 4),
    ("Dismantle production facilities", "roll back", "DPRK", "dismantlement", 3, 6),
    ("Sign an end-of-war declaration", "roll back", "US", "peace declaration", 3, 4),
    ("Remove material and weapons", "eliminate", "DPRK", "elimination", 5, 10),
    ("Normalise relations", "eliminate", "US", "normalisation", 6, 10),
], columns=["step", "phase", "actor", "category", "start", "end"]).assign(basis="course illustration")

# %% How this sentence is computed tags=["hide-input"]
halt_ends = plan.loc[plan["phase"].eq("halt"), "end"].max()
sl.takeaway(
    f"The illustration's halt steps end by year {halt_ends:g} (sourced upper bound for halting: "
    f"{phases.set_index('phase').loc['halt', 'years_high']:g}) and its last step by year {plan['end'].max():g} "
    f"(sourced length of the whole road map: {whole['years_low']:g} to {whole['years_high']:g} years)."
)

# %%
charts.gantt(
    plan, details=("actor", "category"),
    title="An illustrative halt / roll back / eliminate plan (course example, not Stanford's)",
    description=f"Gantt chart of the course's illustrative {len(plan)}-step denuclearization plan over "
                f"{plan['end'].max():g} years, one bar per step from its start to its end year, grouped into "
                "halt, roll back and eliminate.",
)

# %% [markdown]
# Does the plan respect the order arms control needs? That depends on whose order. Lesson 04
# keeps two named rule sets (in `summitlab.models.roadmap`), each with its sources:
# **declaration first**, the US position of 2018 (a declaration before inspections and before
# dismantlement), and **halt, roll back, eliminate**, the sequence of Hecker, Carlin and Serbin
# (halting first, dismantling before eliminating, and no declaration required early).

# %%
pd.concat([rules.table() for rules in roadmap.RULE_SETS.values()])[["rule_set", "rule", "why"]]

# %% [markdown]
# A plan is judged by start year, whatever the order of its rows: a rule holds when the step
# that must come first *starts* strictly earlier; two steps starting in the same year count as
# taken together.

# %%
plan_verdicts = {name: roadmap.rule_violations(plan, name, when="start") for name in roadmap.RULE_SETS}
plan_verdicts

# %% [markdown]
# Now the steps North Korea actually took in 2018, in order: the test freeze announced on
# 20 April, then the dismantling at Punggye-ri and Sohae.

# %%
freeze = events[events["track"].eq("DPRK tests") & events["event_type"].eq("announcement")
                & events["date"].between("2018-04-01", "2018-04-30")].assign(category="test freeze")
actual = pd.concat([freeze[["date", "category"]],
                    steps_taken[["date"]].assign(category="dismantlement")]).sort_values("date")
broken = {name: roadmap.rule_violations(actual, name) for name in roadmap.RULE_SETS}
broken

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"The illustrative plan breaks {len(plan_verdicts['declaration-first'])} declaration-first rules and "
    f"{len(plan_verdicts['freeze-first'])} halt-first rules. The sequence actually followed in 2018 — a test "
    f"freeze, then {len(actual) - 1} records of dismantling, and no declaration — breaks "
    f"{len(broken['declaration-first'])} rule(s) of the declaration-first set and {len(broken['freeze-first'])} of "
    "the halt-first set: whether dismantling before any baseline is a fault depends on the doctrine you hold."
)

# %% [markdown]
# ## Perspectives: declare first, or build trust first?
# Whether a declaration should come first was the most contested question of the period. Here is
# how each government framed it, from the course's `statements` table (entries that mention a
# declaration, verification or phased steps):

# %%
statements = sl.load("statements")
about = statements[statements["paraphrase"].str.contains("declar|verif|phased|simultaneous", case=False)
                   & statements["date"].dt.year.between(2018, 2019)]
about[["date", "party", "speaker", "paraphrase", "source_id"]]

# %% How this sentence is computed tags=["hide-input"]
us, dprk = about[about["party"].eq("US")], about[about["party"].eq("DPRK")]
sl.takeaway(
    f"{us['paraphrase'].str.contains('verif').sum()} of the {len(us)} US entries speak of verification; "
    f"{dprk['paraphrase'].str.contains('simultaneous|phased').sum()} of the {len(dprk)} North Korean entries "
    "speak of simultaneous or phased steps. The two sides were answering different questions."
)

# %% [markdown]
# - **Washington.** Special Representative Stephen Biegun said at Stanford on 31 January 2019 that
#   North Korea had to declare all its nuclear and missile programmes, and that the US would need
#   expert access to, and monitoring of, key sites (sources `abscbn-2019-02-01-reuters-biegun-full-list`,
#   `fsi-stanford-2019-01-31-biegun-address`). Pompeo brushed off the North's complaint about US
#   demands (`upi-2018-07-08-pompeo-dismisses-gangster-like`).
# - **Pyongyang.** After Pompeo's July 2018 visit the Foreign Ministry called the US demands for
#   complete, verifiable, irreversible denuclearization "unilateral and gangster-like", faulting the
#   US for not mentioning a peace regime (`cgtn-2018-07-10-dprk-calls-pompeo-visit-regrettable`). At
#   Hanoi it offered Yongbyon, with US experts present, against partial sanctions relief
#   (`cgtn-2019-02-28-ri-yong-ho-hanoi-statement`).
# - **Seoul.** In June 2019 President Moon said that if all of Yongbyon, including its reprocessing
#   and enrichment plants, were demolished *and verified*, denuclearization would have entered an
#   irreversible stage (`koreaherald-2019-06-26-moon-yongbyon-irreversible`); his office added
#   that this would be its "entrance", not the end (`yonhap-2019-06-27-yongbyon-entrance-irreversible`).
# - **Beijing.** Foreign Minister Wang Yi called for a "dual-track" approach — progress on
#   denuclearization and on a peace mechanism at the same time (`chinaconsulate-2018-12-wang-yi-peninsula-turnaround`) —
#   and, after Hanoi, for a general road map followed by phased, synchronised steps, without
#   unrealistic demands (`scmp-2019-03-wang-yi-phased-synchronised`). At the end of 2019 he blamed
#   the renewed tension on the Singapore statement not being carried out and on the North's
#   "legitimate concerns" going unmet, and asked both sides again for a "feasible roadmap" to a
#   peace regime and denuclearization (statement S120, `sputnik-2019-12-24-china-urges-us-north-korea-road-map`).
# - **Tokyo.** Its rows in the table name an end point and a scope, not a road map: complete,
#   verifiable, irreversible dismantlement of all weapons of mass destruction and of missiles of
#   all ranges, with pressure kept until then. On the morning of the Singapore summit its foreign
#   minister would not say whether a road map would be discussed
#   (`mofa-2018-06-12-kono-press-conference`).

# %% [markdown]
# ## The article's claim, tested
# **The claim, in our words.** Without a declaration there was no baseline; North Korea's steps
# were unilateral, unverified and reversible; activity continued elsewhere; and since nothing
# specific had been promised, nothing was broken. There was no road map toward arms control.
#
# **Evidence for.** The estimates of the arsenal differ several-fold, and turning material into
# weapons widens the range further; no step in 2018–2019 was seen by outside experts; the dismantled
# Sohae structures were being rebuilt by March 2019; the IAEA and think tanks saw the reactor
# operate and the enrichment plant in use in 2018, and undeclared missile bases were reported
# (though no agreement had required North Korea to declare them: see the check below); the
# Singapore commitments name no verification, deadline or facility; and the 2018 sequence breaks
# the rule "declaration before dismantlement" of the declaration-first rule set.
#
# **Evidence against.** Road maps existed on paper: Stanford's halt/roll back/eliminate plan
# (May 2018) and Biegun's January 2019 outline of a declaration, expert access and removal of
# stockpiles. The testing halt itself — no nuclear test after September 2017 — was a freeze that
# seismology can verify from afar, the kind of first step the Stanford plan put first. And the
# Pyongyang Declaration and the Hanoi offer put a named facility, Yongbyon, and US experts on the
# table.
#
# **The strongest counter-argument.** The missing piece was not a road map but agreement on its
# *first step*. Washington wanted a declaration early — the talks stalled, in Hecker's account,
# when the US asked for one (`thebulletin-2019-02-13-hecker-north-korea-2018`); Pyongyang called that a one-sided demand and
# wanted simultaneous steps; Beijing and, in part, Seoul argued for phasing. A road map that one
# side will not sign is not a road map either side can follow — so the absence of one may be a
# symptom of the sequencing conflict of lesson 04, not of missing homework.
#
# Were the undeclared missile bases a broken promise? Only if an agreement had asked for them to
# be declared. The check below searches every commitment in the `commitments` table for a
# declaration, and lists the missile operating bases in `facilities` that sources call undeclared.

# %%
all_commitments = sl.load("commitments")
declare = all_commitments[all_commitments["commitment"].str.contains(r"\bdeclare", case=False)]
declare[["commitment_id", "party_obligated", "commitment"]]

# %% How this sentence is computed tags=["hide-input"]
undeclared = facilities["declared_by_dprk"].eq(False).fillna(False).astype(bool)
bases = facilities[facilities["type"].eq("missile operating base") & undeclared]
sl.takeaway(
    f"{len(declare)} of the {len(all_commitments)} commitments in the table ask a party to declare something"
    + (f" ({', '.join(declare['commitment_id'])}), none of them missile bases" if len(declare) else "")
    + f"; {int(declare['agreement_id'].str.contains('2018|2019').sum())} of them come from a 2018–2019 agreement. "
    f"The {len(bases)} undeclared bases in "
    f"`facilities` ({', '.join(bases['name'].str.replace(' missile operating base', ''))}) broke no written promise."
)

# %% How this sentence is computed tags=["hide-input"]
last_test = tests["date_local"].max()
quiet_days = (pd.Timestamp("2019-12-31") - last_test).days
sl.takeaway(
    f"The last nuclear test was on {last_test:%d %B %Y} (local date): by the end of 2019 the test halt had "
    f"lasted {quiet_days} days, a freeze kept without any agreement to verify it."
)

# %% [markdown]
# ## Theory and further reading
# **Verification and the transparency trade-off.** Coe and Vaynman (2020,
# `coe-vaynman-2020-why-arms-control-is-so-rare`) argue that arms control is rare because the
# monitoring needed to assure the other side of compliance must make a state's arming transparent
# enough to be trusted, but not so transparent that the information endangers it. A declaration
# of weapons, material and facilities is the starkest case: it tells an adversary what there is and
# where, before anything has been given in return.
#
# **Discussion question (theory against data).** The trade-off expects a state with a small,
# partly hidden arsenal to resist an early, complete declaration and to prefer steps that reveal
# less, such as closing a known site. Using `stockpile_estimates` (how wide is the outside
# uncertainty?) and the Hanoi offers in `roadmaps` (where does the declaration come in each?), does
# the order of North Korea's offer fit the expectation? What other reason could it have?

# %% [markdown]
# ## Discussion
# 1. Pyongyang has refused for decades to declare its weapons programmes. Why might a state fear a
#    declaration, and is there a way to sequence one — partial, phased, or held by a third party —
#    that meets that fear and the need for a baseline?
# 2. Seismology verifies a test moratorium well; nothing comparable exists for fissile-material
#    production. How should that asymmetry shape which steps come first?
# 3. The 1994 Agreed Framework froze the North's graphite-moderated reactors and related facilities
#    under IAEA monitoring but put off checking the past.
#    Was that a mistake, or the price of getting a freeze at all?
#
# ## Keypoints
# - A declaration is the baseline of arms control; without one, public estimates of the arsenal
#   differ several-fold, and converting material into weapons multiplies the uncertainty.
# - Yields inferred from magnitudes depend on site-specific constants: seismology bounds the order
#   of magnitude and verifies a test halt, but not the stockpile or production.
# - North Korea's 2018 dismantling steps were unverified and reversible, and activity continued at
#   other sites; the Hanoi offer covered Yongbyon only.
# - Singapore's denuclearization promises named no verification, deadline or facility — unlike 1994.
# - A phased plan can be written as a step table, drawn as a Gantt chart, and checked against a
#   named rule set; the 2018 sequence breaks "declaration before dismantlement" (the US set of
#   2018) but no rule of the halt / roll back / eliminate set.
#
# ## Next
# - Exercises: [exercises/05-arms-control-road-maps.ipynb](../exercises/05-arms-control-road-maps.ipynb) (60 minutes).
# - Lesson 06 — Hanoi and after (`notebooks/06-hanoi-and-after.ipynb`): did the article's forecast hold up?
#
# ## References

# %% How the reference list is built tags=["hide-input"]
prose = [
    "washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect",
    "hafemeister-1995-04-monitoring-nuclear-test-ban-treaties",
    "stanford-2018-05-hecker-carlin-serbin-roadmap",
    "abscbn-2019-02-01-reuters-biegun-full-list", "fsi-stanford-2019-01-31-biegun-address",
    "upi-2018-07-08-pompeo-dismisses-gangster-like", "cgtn-2018-07-10-dprk-calls-pompeo-visit-regrettable",
    "koreaherald-2019-06-26-moon-yongbyon-irreversible", "yonhap-2019-06-27-yongbyon-entrance-irreversible",
    "chinaconsulate-2018-12-wang-yi-peninsula-turnaround", "scmp-2019-03-wang-yi-phased-synchronised",
    "sputnik-2019-12-24-china-urges-us-north-korea-road-map",
    "cgtn-2019-02-28-ri-yong-ho-hanoi-statement", "thebulletin-2019-02-13-hecker-north-korea-2018",
    *dict.fromkeys(sid for rules in roadmap.RULE_SETS.values() for rule in rules.rules for sid in rule.source_ids),
]
tables = [warheads, estimates[estimates["unit"].eq("kg")], per_weapon, relations, tests, changes,
          facilities, af, phases, about, declare, sl.load("calibration_explosions")]
data_sources = sorted({sid for table in tables for sid in table["source_id"].dropna()}
                      | set(phases["duration_source_id"].dropna()))
sl.references(prose + [sid for sid in data_sources if sid not in prose])

# %% [markdown]
# Further reading for the theory section:

# %% How the reference list is built tags=["hide-input"]
sl.references(["coe-vaynman-2020-why-arms-control-is-so-rare"])
