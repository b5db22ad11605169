"""Summit Lab's grader: re-run handed-in exercise notebooks and judge their answers.

Modules, in the order a submission meets them:

* :mod:`grading.bundles`: who handed in what; unpacking bundles and loose notebooks safely;
  matching notebooks to lessons.
* :mod:`grading.course`: the course's checked exercises, notebooks and answer expressions.
* :mod:`grading.sandbox`: the operating-system sandbox each notebook runs in (bubblewrap;
  docker/podman; none only with ``--no-sandbox``) and its private course copy.
* :mod:`grading.capture`: what runs inside it: the notebook's cells, and its answers as data.
* :mod:`grading.answers`: the schema of what a sandbox may send back, read with caps.
* :mod:`grading.judge`: judging those answers in the grader's own process.
* :mod:`grading.gradebook`: gradebook.csv, results.csv, problems.csv and feedback pages, safe
  to open.
* :mod:`grading.integrity`: did anything change the course while grading?
* :mod:`grading.cli`: the command line, the per-submission workers and the parallel runner
  (``python -m grading``).

Nothing happens on import.
"""
