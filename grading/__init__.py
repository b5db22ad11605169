"""Summit Lab's grader: re-run handed-in exercise notebooks and judge their answers.

Modules, in the order a submission meets them:

* :mod:`grading.bundles`: who handed in what; unpacking bundles and loose notebooks safely;
  matching notebooks to lessons.
* :mod:`grading.course`: the course's checked exercises, notebooks and answer expressions.
* :mod:`grading.run` and :mod:`grading.capture`: running a notebook and capturing its answers
  as plain data.
* :mod:`grading.judge`: judging those answers in the grader's own process.
* :mod:`grading.gradebook`: gradebook.csv, results.csv, problems.csv and feedback pages.
* :mod:`grading.cli`: the command line and the parallel runner (``python -m grading``).

Nothing happens on import.
"""
