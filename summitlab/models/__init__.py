"""The course's models, kept apart from the infrastructure in the rest of ``summitlab``.

The rest of the package loads data, checks exercises, records progress, bundles work and
draws charts; the modules here turn the data into the course's arguments, and each one's
assumptions are open to students:

- :mod:`summitlab.models.roadmap`: the road-map model (exposure, Kendall's tau-b with its pair
  counts, named sequencing rule sets, the reversibility discount);
- :mod:`summitlab.models.roadmaps_data`: the course's road maps built from the data tables, and
  the model run on them;
- :mod:`summitlab.models.seismic`: yields from body-wave magnitudes;
- :mod:`summitlab.models.forecasts`: which rows count as forecasts, and how they are scored.

    from summitlab.models import roadmap as model, roadmaps_data as rd

Nothing is imported here: import the module you need.
"""
