# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 04 · Sequencing: whose priorities come first?
#
# A negotiation is not only about *what* each side gives but about *when*. The course's seed
# article (`washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect`) argues, in our
# paraphrase, that Washington underestimated this. The Singapore statement listed new
# relations and a peace regime before denuclearization; Pyongyang treated that order as its own
# order of priorities and would not discuss its weapons before moves toward peace; Washington
# wanted denuclearization first; and Seoul ran an inter-Korean track on its own timetable.
# This lesson turns "sequencing" into things you can compute, and into a small model you can
# change.
#
# **Objectives.** By the end of this lesson you can:
# - *compute* each party's exposure along a road map, and its peak exposure;
# - *compute* [**Kendall's tau**](../docs/glossary.md#kendalls-tau) between a road map's order and a party's stated priorities, and
#   *explain* what it measures;
# - *identify* which sequencing rule a road map breaks, and *design* a road map that breaks none;
# - *compare* the inter-Korean and US–DPRK tracks month by month in 2018;
# - *evaluate* the article's claim that sequencing mattered, against its strongest counter-argument.
#
# **Prerequisites:** [lesson 00](00-start-here.ipynb) (loading tables) and
# [lesson 02](02-singapore-statement.ipynb) (what the Singapore statement committed each side to).
# {estimated_time}
# **Data used:** [`statements`](../data/codebook/statements.md),
# [`priority_orders`](../data/codebook/priority_orders.md),
# [`commitments`](../data/codebook/commitments.md),
# [`roadmap_steps`](../data/codebook/roadmap_steps.md),
# [`roadmaps`](../data/codebook/roadmaps.md),
# [`events`](../data/codebook/events.md) and
# [`inter_korean_track`](../data/codebook/inter_korean_track.md).

# %%
import altair as alt
import pandas as pd

import summitlab as sl
from summitlab.models import roadmap as model
from summitlab.models import roadmaps_data as rd
from summitlab.charts import annotated_timeline, exposure_chart, legend_or_menu

sl.use_theme()

# %% [markdown]
# **Code new in this lesson.** Beyond the primer and lessons 01–03, this lesson uses:
# - `.copy()`: a table of its own, so changing it leaves the original as it was.
# - `.filter(like="text")`: the columns whose names contain the text; `.to_numpy()`: the plain values, without labels.
# - `.unstack(fill_value=0)`: long to wide on the last index level (like `pivot`).
# - `pd.date_range(start, end, freq="MS")`: every month start between two dates; `.rename_axis("name")` names the index.
# - Altair: `alt.StrokeDash` encodes a field as the dash pattern of a line (so parties differ without colour).
# - Altair: `alt.Fill` encodes a field as the colour inside a marker; with `range=[..., "transparent"]`
#   one group's markers are filled and the other's are only outlines, so two variants share a colour.
# - `.xs("DPRK", level="party")`: on a table whose row labels have two levels (here road map and
#   party), the rows whose `party` label is `"DPRK"`, with that level dropped from the labels.

# %% [markdown]
# **Terms used in this lesson.**
# - **Denuclearization**: giving up nuclear weapons and the means to make them. Washington
#   meant North Korea's arsenal; the Singapore text speaks of denuclearizing the "Korean
#   Peninsula", a wider phrase that the two sides did not define together.
# - **Peace regime**: arrangements that formally end the Korean War (suspended by an armistice
#   in 1953, never ended by a treaty), from a political *end-of-war declaration* to a *peace treaty*.
# - **Sanctions relief**: lifting UN or US measures that restrict North Korea's trade and finance.
# - **Moratorium** (test freeze): a declared, voluntary halt to tests. It removes nothing.
# - **Declaration**: a list, given by the inspected state, of its weapons, material and sites.
#   **Verification**: independent checks, usually by inspectors, that such a list and later
#   steps are true.
# - **Road map**: an agreed order of steps from the start of a deal to its end.

# %% [markdown]
# ## What did each government say should come first?
# Before judging, read each side in its own words (our paraphrases; the `statements` table keeps
# the speaker, the place and a short quoted phrase). These are the statements the course codes
# under the topic *priorities*.

# %%
statements = sl.load("statements")
priorities_said = (
    statements.query("topic == 'priorities'")
    .sort_values("date")
    [["date", "party", "speaker", "paraphrase", "statement_id"]]
)
priorities_said

# %% [markdown]
# The four capitals framed the question differently (Tokyo's rows follow below):
#
# - **Washington** put denuclearization first, "final, fully verified" (FFVD), with sanctions
#   kept until then; in January 2019 its envoy Stephen Biegun spoke of moving on all the
#   Singapore commitments "simultaneously and in parallel" (S037).
# - **Pyongyang** asked for trust-building and an end-of-war declaration first, and
#   denuclearization step by step with "simultaneous action" (S018, S024, S031).
# - **Seoul** (Moon Jae-in) argued that better inter-Korean relations were not a by-product of
#   US–DPRK progress, and asked the world to reward the North's steps (S026, S056, S028). In the
#   same Liberation Day address of August 2018 he also set a precondition: inter-Korean economic
#   cooperation would go ahead in full only after complete denuclearization and peace (S055).
# - **Beijing** proposed a freeze for a freeze in 2017 — North Korean tests for US–ROK exercises —
#   then denuclearization and a peace mechanism in parallel, and later suggested easing
#   sanctions as the North complied (S001, S003, S030).

# %% How this sentence is computed tags=["hide-input"]
sl.takeaway(
    f"The course records {len(priorities_said)} statements on priorities: "
    + sl.counts_in_words(priorities_said["party"], "{n} from {value}", order="value")
    + ". The course ranks the priorities only of the parties that stated an order: "
    + " and ".join(sl.load("priority_orders")["party"].astype(str).unique()) + "."
)

# %% [markdown]
# **Tokyo** appears in the table as well (our paraphrases; `primary_source_id` names the
# Foreign Ministry's text):

# %%
tokyo = statements.query("party == 'Japan' and topic == 'priorities'")
tokyo[["date", "speaker", "paraphrase", "key_phrase", "primary_source_id"]]

# %% [markdown]
# Its order was Washington's, held more strictly: the pressure stays until the North has given
# up its programmes completely, verifiably and irreversibly, and a halt in testing earns no
# easing of sanctions (S115). Its list of what must go is also longer: every weapon of mass
# destruction, chemical and biological included, and missiles of all ranges, not only the
# long-range ones. An approach that starts with the long-range missiles leaves for last the
# shorter-range ones that Tokyo insisted on.

# %% [markdown]
# The course turns the stated *orders* into ranked lists, each rank sourced to that party's
# officials (`priority_orders`). The subjects ranked are broad **pillars** (new relations, peace
# regime, sanctions relief, denuclearization), because that is the level at which the
# governments spoke. China proposed two tracks *together*, so two of its pillars share a rank
# (a tie).
#
# **A date rule.** We will compare these orders with the order of the Singapore statement. A
# statement made *after* 12 June 2018 may already echo the Singapore text, so comparing the two
# would partly build the agreement in. The main comparison therefore uses only statements made
# **before** the summit (`variant == "before-singapore"`); a second variant,
# `"with-later-statements"`, adds the statements of July 2018 to March 2019 and is labelled as
# such wherever it appears.

# %%
stated = sl.load("priority_orders")
stated[["variant", "party", "rank", "pillar", "stated_date", "statement_id", "note"]]

# %% How this sentence is computed tags=["hide-input"]
wanted = rd.priorities()
later = rd.priorities("with-later-statements")
us_rank = wanted["US"].index("denuclearization") + 1
dprk_rank = wanted["DPRK"].index("denuclearization") + 1
sl.takeaway(
    f"Before Singapore, denuclearization is rank {us_rank} of {len(wanted['US'])} for Washington and rank "
    f"{dprk_rank} of {len(wanted['DPRK'])} for Pyongyang: the two stated orders put it at opposite ends. "
    f"Pyongyang's pre-summit order ranks only {len(wanted['DPRK'])} pillars; its later statements rank "
    f"{len(later['DPRK'])}."
)

# %% [markdown]
# ## In what order did the Singapore statement list its commitments?
# The `commitments` table codes every commitment of the 12 June 2018 statement in the order of
# the text (lesson 02 reads them closely).

# %%
commitments = sl.load("commitments")
singapore = (
    commitments.query("agreement_id == 'singapore-2018'")
    .sort_values("order")
    [["order", "position", "party_obligated", "pillar", "commitment"]]
)
singapore

# %% How this sentence is computed tags=["hide-input"]
numbered = singapore[singapore["position"].str.fullmatch(r"\d")]
first_denuc = numbered.loc[numbered["pillar"] == "denuclearization", "position"].iloc[0]
sl.takeaway(
    f"Among the {len(numbered)} numbered points, new relations come first and denuclearization "
    f"only at point {first_denuc}, with no step and no date: the order Pyongyang later invoked."
)

# %% [markdown]
# ## How can an order of steps be measured?
# The course's road-map model (`summitlab.models.roadmap`) needs three things:
#
# 1. A **step catalogue**: each step has an actor, a *category* (e.g. declaration), a *pillar*,
#    a **cost** to the actor and a **value** to the other side, each scored 0–3.
# 2. A **road map**: an ordered list of steps.
# 3. Each party's **stated priorities**.
#
# **The scores are the course's stylized assumptions, not facts.** Nobody measures what a peace
# treaty "costs" Washington. The `reasoning` column says why each score was chosen; you will
# change some of them below. The `reversible` column says whether a step can be undone cheaply
# (a moratorium can be lifted by an announcement; a declaration, once handed over, cannot be
# taken back); `rd.reversibility()` gives the reasoning and sources. `rd.steps()` returns the
# catalogue as a table:

# %%
catalogue = rd.steps()
catalogue[["step_id", "actor", "category", "pillar", "cost", "value", "reversible", "reasoning"]]

# %% [markdown]
# From these, the model computes:
#
# - **Exposure** of a party after step *k*: what it has given (the costs of its own steps) minus
#   what it has received (the values of the other side's steps). High exposure means a party has
#   paid in advance and would be left worse off if talks stopped there. **Peak exposure** is
#   its worst point along the road map. *A caution*: the scores are **ordinal** (0 < 1 < 2 < 3,
#   an order, not a measure). Adding them treats a 2 as worth exactly two 1s, and a US point as
#   worth a DPRK point, which nobody measured. Read exposure as a rough ranking of who has paid
#   in advance, and trust only conclusions that survive changes of scores (tested below).
# - **Priority alignment**: Kendall's tau between the order in which a road map first delivers
#   each pillar and a party's stated order. Take every pair of pillars that both lists contain;
#   tau = (pairs in the same order − pairs in opposite order) / number of pairs. +1 means the same
#   order, −1 the reverse, 0 no relation. We use the variant **tau-b**, which also handles *ties*
#   (pillars a party proposed together, like China's two tracks, or steps a road map takes
#   together, which share a `stage` in the `roadmaps` table): a tied pair counts neither way,
#   and the denominator shrinks accordingly. With two lists of two shared pillars there is a *single*
#   pair, and a single pair always gives +1 or −1: that is a coin, not a finding. So the course
#   reports **the number of pairs behind every tau** and leaves tau **undefined below three pairs**.
# - **Rules**: precedence constraints an arms-control road map should respect. *Which*
#   constraints is itself disputed, so the course keeps two named, sourced **rule sets**:
#   *declaration first*, the US position of 2018, and *halt, roll back, eliminate*, the sequence
#   argued by Hecker, Carlin and Serbin at Stanford in May 2018.

# %% [markdown]
# **The model as functions.** Each quantity is one call of `model` (`summitlab.models.roadmap`,
# imported at the top), given a road map as a table with one row per step (`rd.roadmap(name)`,
# below, builds one from the course's data):
#
# - `model.exposure(road_map)`: one row per step and party (step 0 is the start, before anything
#   is exchanged) with what the party has `given` and `received` so far and its `exposure`
#   (given minus received); `model.PARTIES` names the two parties, `"US"` and `"DPRK"`;
# - `model.peak_exposure(road_map)`: each party's highest exposure along the way;
# - `model.kendall_tau(first, second)`: Kendall's tau-b between two ordered lists, such as the
#   pillars in the order a road map first delivers them and a party's stated priorities
#   (`rd.priorities()` gives each party's list); `nan` when fewer than three pairs are shared;
# - `model.rule_violations(road_map, rule_set)`: a list with one message per rule the road map
#   breaks (empty if none); `model.RULE_SETS` holds the two rule sets by name, and
#   `model.RULE_SETS[name].table()` lists the rules of one.
#
# The module `rd` (`summitlab.models.roadmaps_data`) feeds these functions the course's tables:
# besides `rd.steps()` and `rd.roadmap(name)`, `rd.roadmap_ids()` names the published road maps,
# and for all of them at once `rd.exposures()` stacks their exposure tables, `rd.compare()` gives
# peak exposure, tau, pairs and rules broken for each road map and party, `rd.alignments()` the
# taus with their pairs, and `rd.pairwise(name, party, variant)` the pairs behind one tau;
# `exposure_chart(...)` draws exposure tables. A small example of tau first: three pillars, with
# the last two swapped in the second list.

# %%
model.kendall_tau(["new relations", "peace regime", "denuclearization"],
                  ["new relations", "denuclearization", "peace regime"])

# %% [markdown]
# Of the three pairs, two come in the same order in both lists and one is reversed:
# tau = (2 − 1) / 3 ≈ 0.33. The two rule sets, rule by rule:

# %%
pd.concat([rules.table() for rules in model.RULE_SETS.values()])

# %% [markdown]
# Here is the Singapore order as a road map. The statement names goals, not steps, so the course
# fills its denuclearization point with a standard sequence (freeze, declaration, inspection,
# [dismantlement](../docs/glossary.md#dismantlement), elimination); the `note` column says where we interpreted.

# %%
singapore_map = rd.roadmap("singapore-order")
singapore_map[["position", "actor", "action", "category", "cost", "value", "note"]]

# %% How this sentence is computed tags=["hide-input"]
peaks = model.peak_exposure(singapore_map)
sl.takeaway(
    f"Taken in the Singapore order, Washington's exposure peaks at {peaks['US']:g} points "
    f"and Pyongyang's at {peaks['DPRK']:g}: the side that moves first carries the risk."
)

# %% [markdown]
# ## Who is exposed, and when, under each published approach?
# Six approaches, each built from its sources (`roadmaps`): the **Singapore order**;
# **denuclearization first** (the US position of 2018); **phased and synchronized** (the DPRK's
# stated approach of 2018); **freeze for freeze** (China's 2017 proposal); and the two offers at
# **Hanoi** in February 2019 — the US "big deal" and the DPRK's Yongbyon-for-partial-relief offer.
# Pick a road map in the menu under the chart; hover over a point to see the step just taken.

# %%
exposure = rd.exposures()
names = rd.roadmap_ids()

# %%
exposure_chart(
    exposure, roadmaps=names, menu=True, width=520,
    title="Exposure of each party after each step (stylized scores)",
    description="Line chart of US and DPRK exposure, in points, after each step of the road map chosen in the menu; one line per party, drawn solid or dashed.",
)

# %%
summary = rd.compare()
peak_table = summary.pivot(index="roadmap_id", columns="party", values="peak_exposure").loc[names]
peak_table

# %% How this sentence is computed tags=["hide-input"]
worst_dprk = peak_table["DPRK"].idxmax()
worst_us = peak_table["US"].idxmax()
us_own = peak_table.loc[["denuclearization-first", "hanoi-us-big-deal"]]
dprk_own = peak_table.loc[["phased-synchronized", "hanoi-dprk-offer"]]
sl.takeaway(
    f"Under Washington's own approaches its peak exposure is at most {us_own['US'].max():g} and "
    f"Pyongyang's reaches {us_own['DPRK'].max():g}; under Pyongyang's own approaches its peak is at most "
    f"{dprk_own['DPRK'].max():g} and Washington's at most {dprk_own['US'].max():g}. Washington is most exposed "
    f"under '{worst_us}', Pyongyang under '{worst_dprk}'."
)

# %% [markdown]
# ## Which approach matches whose priorities?
# Kendall's tau-b for each road map and each party, with the number of pairs behind it, for the
# main comparison (statements before Singapore) and, labelled, for the variant with later
# statements.

# %%
aligned = pd.concat([rd.alignments(), rd.alignments(variant="with-later-statements")], ignore_index=True)
aligned.pivot(index="roadmap_id", columns=["variant", "party"], values="pairs").loc[names]

# %% [markdown]
# A dot near +1 means the road map delivers things in the order that party said it wanted; near
# −1, in the reverse order. No dot means fewer than three pairs: no order to speak of. Filled
# dots use statements made before Singapore; open dots add the later statements. Click a legend
# entry, or choose a party in the menu under the chart, to highlight one party.

# %%
pick_party, pick_party_menu = legend_or_menu(aligned, "party", "Party")
(
    alt.Chart(aligned.dropna(subset=["tau"]))
    .mark_point(size=110)
    .encode(
        x=alt.X("tau:Q").title("Kendall's tau-b with the party's stated priorities (−1 to +1)").scale(domain=[-1, 1]),
        y=alt.Y("roadmap_id:N").title("Road map").sort(names).axis(labelLimit=220),
        yOffset=alt.YOffset("party:N"),
        color=alt.Color("party:N").title("Party").legend(symbolFillColor="transparent"),
        shape=alt.Shape("party:N").title("Party"),
        fill=alt.Fill("variant:N").title("Statements used").scale(
            domain=["before-singapore", "with-later-statements"], range=["#555555", "transparent"])
        .legend(symbolStrokeColor="#555555"),  # the open symbol needs an outline to be seen
        opacity=alt.when(pick_party & pick_party_menu).then(alt.value(1)).otherwise(alt.value(0.2)),
        tooltip=[
            alt.Tooltip("roadmap_id:N", title="Road map"),
            alt.Tooltip("party:N", title="Party"),
            alt.Tooltip("variant:N", title="Statements used"),
            alt.Tooltip("tau:Q", title="Kendall's tau-b", format=".2f"),
            alt.Tooltip("pairs:Q", title="Pairs behind it"),
            alt.Tooltip("tied:Q", title="Tied pairs"),
        ],
    )
    .add_params(pick_party, pick_party_menu)
    .properties(
        title="How well each road map's order matches each party's stated priorities (three pairs or more)",
        description="Dot plot of Kendall's tau-b, from -1 to +1, for each road map and for the US, the DPRK and China, "
                    "one shape per party, filled for statements before Singapore and open for the variant with later "
                    "statements; only taus resting on at least three pairs are drawn.",
        width=480,
    )
)

# %% [markdown]
# The numbers are easier to trust when you can see the pairs. Here is the plain "which comes
# first" table behind the Singapore order and Pyongyang's later statements: each pair of pillars,
# what the road map does and what Pyongyang asked for.

# %%
rd.pairwise("singapore-order", "DPRK", "with-later-statements")

# %% How this sentence is computed tags=["hide-input"]
main = aligned[aligned["variant"] == "before-singapore"].set_index(["roadmap_id", "party"])
with_later = aligned[aligned["variant"] == "with-later-statements"].set_index(["roadmap_id", "party"])
defined = main["tau"].notna()
sl.takeaway(
    f"With statements made before Singapore, {int(defined.sum())} of {len(main)} road map–party taus rest on "
    f"three pairs or more; none of Pyongyang's does (its order gives "
    f"{int(main.xs('DPRK', level='party')['pairs'].max())} pair at most). Only with its later statements "
    f"does the Singapore order score tau = {with_later.loc[('singapore-order', 'DPRK'), 'tau']:+.0f} for "
    f"Pyongyang, from {int(with_later.loc[('singapore-order', 'DPRK'), 'pairs'])} pairs: the perfect match "
    "rests on statements made after the text they are compared with."
)

# %% [markdown]
# ## Which approaches respect the arms-control rules?
# A road map can suit both parties and still be unverifiable. The declaration-first set asks for
# a **declaration before dismantlement**: without a list, nobody can tell what was taken apart or
# what is left. The halt-first set asks instead that testing and production stop before anything
# is rolled back, and leaves the declaration for later. Each approach under each rule set:

# %%
rules = pd.DataFrame(
    [{"rule_set": rule_set, "roadmap_id": name, "rule broken": message}
     for rule_set in model.RULE_SETS for name in names
     for message in model.rule_violations(rd.roadmap(name), rule_set)],
    columns=["rule_set", "roadmap_id", "rule broken"],
)
rules

# %% How this sentence is computed tags=["hide-input"]
breakers = {rule_set: sorted(set(rules.loc[rules["rule_set"] == rule_set, "roadmap_id"]))
            for rule_set in model.RULE_SETS}
sl.takeaway(
    f"Under declaration first, {len(breakers['declaration-first'])} of {len(names)} approaches break a rule "
    f"({', '.join(breakers['declaration-first']) or 'none'}); under halt, roll back, eliminate, "
    f"{len(breakers['freeze-first'])} do ({', '.join(breakers['freeze-first']) or 'none'}). Dismantling with no "
    "declaration is the gap the seed article points to, but it is a gap only for the declaration-first school."
)

# %% [markdown]
# ## What if the assumptions are wrong?
# Change the scores and re-run. Here we suppose that an end-of-war declaration costs Washington
# more (2 instead of 1, say because it would strengthen calls to withdraw US troops) and that a
# declaration costs Pyongyang more (3 instead of 2). **Edit the numbers in the next cell** and
# run the cells below it again.

# %%
edited = catalogue.copy()
edited.loc[edited["step_id"] == "us-end-of-war-declaration", "cost"] = 2
edited.loc[edited["step_id"] == "dprk-declaration", "cost"] = 3

# %%
changed = rd.compare(catalogue=edited).pivot(index="roadmap_id", columns="party", values="peak_exposure")
side_by_side = peak_table.join(changed.loc[names].add_suffix(" (edited)"))
side_by_side

# %% How this sentence is computed tags=["hide-input"]
moved = int((side_by_side.filter(like="(edited)").to_numpy() != peak_table.to_numpy()).sum())
same_worst = changed["DPRK"].idxmax() == worst_dprk and changed["US"].idxmax() == worst_us
sl.takeaway(
    f"With the edited scores {moved} of {peak_table.size} peak exposures change, and the road map "
    f"that exposes each party most is {'the same' if same_worst else 'different'}: "
    "which conclusions survive a change of assumptions is part of the answer."
)

# %% [markdown]
# ## What if reversible steps count for less?
# A moratorium can be lifted by an announcement, a suspended exercise held next season, a
# dismantled test stand rebuilt (the Sohae structures were being rebuilt by March 2019). Such a
# step protects its receiver less, and costs its giver less, than one that cannot be undone. The
# **reversibility discount** counts every step marked `reversible` at `1 − discount` of its
# scores. Half weight is the course's choice: **edit `discount`** (0 = the plain model, 1 =
# reversible steps count for nothing) and re-run.

# %%
discount = 0.5
discounted = rd.compare(discount=discount).pivot(index="roadmap_id", columns="party", values="peak_exposure")
with_discount = peak_table.join(discounted.loc[names].add_suffix(f" (discount {discount:g})"))
with_discount

# %% How this sentence is computed tags=["hide-input"]
worst_after = {party: discounted[party].idxmax() for party in model.PARTIES}
lighter = {party: int((discounted.loc[names, party] < peak_table[party]).sum()) for party in model.PARTIES}
sl.takeaway(
    f"With reversible steps at {1 - discount:.0%} weight, Washington's peak exposure falls in {lighter['US']} and "
    f"Pyongyang's in {lighter['DPRK']} of {len(names)} road maps. The road map that exposes Washington most is "
    f"'{worst_after['US']}' ({'unchanged' if worst_after['US'] == worst_us else 'changed'}), Pyongyang's "
    f"'{worst_after['DPRK']}' ({'unchanged' if worst_after['DPRK'] == worst_dprk else 'changed'}). Under the Singapore "
    f"order Washington's peak goes from {peak_table.loc['singapore-order', 'US']:g} to "
    f"{discounted.loc['singapore-order', 'US']:g} and Pyongyang's from {peak_table.loc['singapore-order', 'DPRK']:g} "
    f"to {discounted.loc['singapore-order', 'DPRK']:g}: the early US steps are the reversible ones."
)

# %% [markdown]
# ## Did the inter-Korean track run ahead of the US–DPRK track in 2018?
# The `events` table lists summits, visits, letters and announcements; `inter_korean_track` adds
# the implementation steps of 2018 (the liaison office, the military agreement's measures, the
# railway survey) and the UN Command, UN sanctions and ROK–US steps around them. All dates are
# local. We count events per month on each track.

# %%
events = sl.load("events")
ik = sl.load("inter_korean_track")
tracks = ["US-DPRK", "inter-Korean"]
in_2018 = pd.concat([
    events.loc[events["date"].dt.year.eq(2018), ["date", "track", "event_type", "summary"]]
    .rename(columns={"event_type": "kind"}),
    ik[["date", "track", "kind", "summary"]],
])
in_2018 = in_2018[in_2018["track"].astype(str).isin(tracks)].assign(track=lambda t: t["track"].astype(str))

# %%
monthly = (
    in_2018.assign(month=in_2018["date"].dt.to_period("M").dt.to_timestamp())
    .groupby(["month", "track"])
    .size()
    .unstack(fill_value=0)
    .reindex(pd.date_range("2018-01-01", "2018-12-01", freq="MS"), fill_value=0)
    .rename_axis("month")
    .reset_index()
    .melt(id_vars="month", var_name="track", value_name="events")
)

# %%
key_dates = pd.concat([
    events.loc[events["event_id"].isin(["E046", "E060"]), ["date", "summary"]]
    .assign(label=["Singapore summit", "Pyongyang summit and military agreement"]),
    ik.loc[ik["item_id"].isin(["IK03", "IK08"]), ["date", "summary"]]
    .assign(label=["Liaison office opens", "Rail survey"]),
])
key_dates

# %%
pick_track, pick_track_menu = legend_or_menu(monthly, "track", "Track")
lines = (
    alt.Chart(monthly)
    .mark_line(point=True)
    .encode(
        x=alt.X("month:T").title("Month of 2018 (local dates)").scale(domain=["2018-01-01", "2019-01-20"]),
        y=alt.Y("events:Q").title("Events in the month (count)").axis(tickMinStep=1),
        color=alt.Color("track:N").title("Track").legend(orient="bottom"),
        strokeDash=alt.StrokeDash("track:N").title("Track"),
        opacity=alt.when(pick_track & pick_track_menu).then(alt.value(1)).otherwise(alt.value(0.15)),
        tooltip=[
            alt.Tooltip("month:T", title="Month", format="%B %Y"),
            alt.Tooltip("track:N", title="Track"),
            alt.Tooltip("events:Q", title="Events"),
        ],
    )
    .add_params(pick_track, pick_track_menu)
)
annotated_timeline(
    lines, key_dates,
    title="Events per month on the US-DPRK and inter-Korean tracks, 2018",
    description="Line chart of the number of US-DPRK and inter-Korean events in each month of 2018, one solid and one dashed line, with dashed rules marking the Singapore summit, the liaison office, the Pyongyang summit and the rail survey.",
).properties(width=600)

# %% How this sentence is computed tags=["hide-input"]
wide = monthly.pivot(index="month", columns="track", values="events")
after = wide.loc["2018-07-01":]
ahead = int((after["inter-Korean"] > after["US-DPRK"]).sum())
sl.takeaway(
    f"In the second half of 2018 the inter-Korean track had more events than the US-DPRK track in "
    f"{ahead} of {len(after)} months ({int(after['inter-Korean'].sum())} against "
    f"{int(after['US-DPRK'].sum())} events in all). By count alone, neither track clearly ran ahead."
)

# %% [markdown]
# Counting events weighs a ceremony and a cancelled trip alike, and the `inter_korean_track`
# table is a selection of implementation steps, not every meeting. What *kind* of events filled
# each track from July to December?

# %%
second_half = in_2018[in_2018["date"] >= "2018-07-01"].astype({"kind": str})
kinds = pd.crosstab(second_half["kind"], second_half["track"])
kinds

# %% How this sentence is computed tags=["hide-input"]
carried_out = ["implementation", "remains repatriation", "detainee release", "dismantlement"]
done = kinds.reindex(carried_out, fill_value=0).sum()
sl.takeaway(
    f"From July to December, {done['inter-Korean']} inter-Korean steps were carried out against "
    f"{done['US-DPRK']} on the US-DPRK track, where visits, statements and letters dominate: the "
    "inter-Korean track was ahead in substance, not in volume."
)

# %% [markdown]
# What did running ahead mean for the alliance? Each inter-Korean project that touched the
# border or sanctions needed someone else's consent: the UN Command (a US-led command) for
# crossing the demarcation line, the UN sanctions committee for fuel and equipment, and from
# November a new ROK–US working group to coordinate.

# %%
gates = ik[ik["kind"].isin(["obstacle", "clearance", "coordination"])][["date", "track", "kind", "summary"]]
gates

# %% How this sentence is computed tags=["hide-input"]
first_try, survey = ik.set_index("item_id").loc[["IK02", "IK08"], "date"]
sl.takeaway(
    f"The railway survey was first blocked at the border on {first_try:%d %B} and began only on "
    f"{survey:%d %B}, {(survey - first_try).days} days later, after a UN exemption: the inter-Korean "
    "track could move ahead of the US-DPRK track only as far as Washington and the UN allowed."
)

# %% [markdown]
# ## The article's claim, tested
# **The claim (our paraphrase).** A nuclear negotiation needs an agreed order of steps built on
# each party's priorities. At Singapore, Washington signed a text whose order matched
# Pyongyang's priorities, not its own; talks then stalled over exactly that order, while the
# inter-Korean track moved on and widened the gap between Washington and Seoul.
#
# **Evidence for.**
# - The Singapore order aligns perfectly with Pyongyang's stated priorities (tau above), but
#   only with statements made *after* the summit; before it, Pyongyang ranked two pillars, too
#   few for a tau, though both (peace before denuclearization) match the text's order. Its July
#   2018 statement asked for an end-of-war declaration first and called the US demands for a
#   declaration and verification one-sided.
# - The stated orders are opposite on every pillar they share, so a text that left the order
#   open invited each side to read its own order into it.
# - In the second half of 2018 the inter-Korean track carried out more concrete steps than the
#   US–DPRK track, and needed repeated US and UN clearances to do so, a sign of the friction the
#   article describes (though not more events in all).
#
# **Evidence against, and the strongest counter-argument.**
# - *The clash was about the end state, not the order.* If Pyongyang never meant to give up its
#   weapons (the article itself reports that many experts believed so), no order would have
#   worked: the order is a symptom. The model supports part of this: the stated orders are
#   reversed, so a road map that follows one of them goes against the other (see the alignment
#   takeaway above and the one below).
# - *The order was not fixed.* In January 2019 Washington moved toward parallel steps (S037),
#   and Hanoi still failed, over sanctions relief and the scope of dismantlement.
# - *A workable order existed.* The exercises show that a road map can keep both sides' exposure
#   low and respect every rule — but only by leaving each side's top priority for later, which is
#   a political problem rather than a technical one.
# - *The model is ours.* Its exposure numbers add up ordinal scores; the tau comparison rests
#   on our coding of stated orders, and few taus rest on three pairs; the rules are one school's.
#   All are visible and editable, and some conclusions (who is most exposed) hold under the edits
#   and the reversibility discount above, but the exact numbers do not.

# %% How this sentence is computed tags=["hide-input"]
later_taus = with_later["tau"].unstack("party").loc[names]
rated = later_taus[["US", "DPRK"]].dropna()
opposite = int((rated["US"] * rated["DPRK"] < 0).sum())
rated_before = main["tau"].unstack("party")[["US", "DPRK"]].dropna()
sl.takeaway(
    f"With the later statements, {len(rated)} road maps have a tau (three pairs or more) for both Washington and "
    f"Pyongyang, and in {opposite} of them the two taus have opposite signs; with statements before Singapore, "
    f"{len(rated_before)} do. Sequencing could hardly satisfy both sides at once; it could decide who moved first and who "
    "carried the risk."
)

# %% [markdown]
# ## Theory and further reading
# **The bargaining model and commitment problems.** Fearon (1995,
# `fearon-1995-rationalist-explanations-for-war`) asks why two sides fail to settle on a deal that
# both would prefer to conflict. One answer is the *commitment problem*: a side will not accept a
# deal if it expects the other to renege once the first has made its concession, because nothing
# can enforce the promise later. Sequencing is the practical answer negotiators give: break the
# deal into reciprocal steps so that neither side is ever far ahead in what it has given. The
# lesson's *exposure* measures exactly how far ahead a side is.
#
# **Discussion question (theory against data).** The theory expects each side to propose orders
# of steps that keep its own peak exposure low and to reject those that expose it. Using the
# lesson's exposure results for the published approaches, does each side's preferred approach
# minimise its own peak exposure? If it does, is that a test of the theory, or did our scoring of
# costs and values build the result in?

# %% [markdown]
# ## Discussion
# 1. Pyongyang called its test moratorium a denuclearization step; the course classes it as
#    tension reduction because it removes nothing. How does that choice change the tau values,
#    and which classification would each government accept?
# 2. If the two stated orders are exact opposites, what is left for sequencing to do? Is a
#    "phased and synchronized" approach a compromise, or a way of postponing the disagreement?
# 3. Seoul's inter-Korean track needed US and UN consent at several points. Was that
#    coordination, or a brake? What would have been lost if the two tracks had been merged?
# 4. Which of the course's assumptions (a score, a ranking, an order within a phase) would you
#    change first, and what do you expect to happen?
#
# ## Keypoints
# - Washington and Pyongyang stated opposite orders: denuclearization first, and denuclearization last.
# - The Singapore statement's order matched Pyongyang's stated priorities exactly only if statements made after the summit are counted; a tau resting on one or two pairs is no finding.
# - Each side's own approach keeps its own exposure low and raises the other's; no published approach aligns with both stated orders.
# - The DPRK's phased approach and its Hanoi offer dismantle before any declaration: a fault under the US declaration-first rule set, not under Hecker's halt, roll back, eliminate.
# - Exposure adds up ordinal scores; counting reversible steps at half weight changes the numbers, not who is most exposed.
# - In late 2018 the inter-Korean track outpaced the US–DPRK track, and needed US and UN clearances to do so.
#
# ## Next
# - Exercises: [exercises/04-sequencing.ipynb](../exercises/04-sequencing.ipynb) (45 minutes),
#   including designing your own road map.
# - The two tracks month by month, as a table: exercise 04.8.
# - Lesson 05 — [Arms-control road maps](05-arms-control-road-maps.ipynb): what a declaration,
#   a freeze and verification would have required.
#
# ## References

# %% How the reference list is built tags=["hide-input"]
tables = ["roadmap_steps", "roadmaps", "priority_orders", "inter_korean_track"]
cited = set().union(*(sl.load(t)["source_id"].astype(str) for t in tables))
cited |= {sid for rules in model.RULE_SETS.values() for rule in rules.rules for sid in rule.source_ids}
cited |= {sid for ids in rd.reversibility()["source_ids"] for sid in ids.split(", ")}
cited |= set(priorities_said["statement_id"].map(statements.set_index("statement_id")["source_id"]).astype(str))
cited |= set(events.loc[events["event_id"].isin(["E046", "E060"]), "source_id"].astype(str))
sl.references(["washingtonpost-2019-01-24-rapp-hooper-what-not-to-expect", "whitehouse-2018-06-12-singapore-joint-statement", *sorted(cited)])

# %% [markdown]
# Further reading for the theory section:

# %% How the reference list is built tags=["hide-input"]
sl.references(["fearon-1995-rationalist-explanations-for-war"])
