"""Summit Lab's helper package: data loading, the course chart theme, charts and exercise checks.

Nothing happens on import: no theme is registered, no file is read, until you call a function.

    import summitlab as sl
    sl.use_theme()
    launches = sl.load("missile_launches")
"""

from summitlab.bundle import restore_work, save_work
from summitlab.checks import check, progress
from summitlab.course import counts_in_words, course_map, takeaway
from summitlab.data import load, sources, tables
from summitlab.errors import explain_errors
from summitlab.references import references
from summitlab.theme import use_theme

__all__ = [
    "check", "counts_in_words", "course_map", "explain_errors", "load", "progress", "references", "restore_work",
    "save_work", "sources", "tables", "takeaway", "use_theme",
]
