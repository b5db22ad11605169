"""What a check says to a student: correct, not yet, or not quite (with a hint)."""

from __future__ import annotations

import html
from dataclasses import dataclass

CORRECT = "correct"
NOT_YET = "not yet"
NOT_QUITE = "not quite"
STATUSES = (CORRECT, NOT_YET, NOT_QUITE)

_ICONS = {CORRECT: "✅", NOT_YET: "⏳", NOT_QUITE: "🔶"}
_COLOURS = {CORRECT: "#009E73", NOT_YET: "#56B4E9", NOT_QUITE: "#E69F00"}
_NOT_YET_TEXT = "replace the ... with your answer, run that cell, then run this check again."


@dataclass(frozen=True)
class Feedback:
    """The result of one check. Displays itself in a notebook; never contains the answer."""

    exercise_id: str
    status: str
    message: str = ""
    hint: str = ""

    @classmethod
    def correct(cls, exercise_id: str) -> "Feedback":
        return cls(exercise_id, CORRECT)

    @classmethod
    def not_yet(cls, exercise_id: str) -> "Feedback":
        return cls(exercise_id, NOT_YET, _NOT_YET_TEXT)

    @classmethod
    def not_quite(cls, exercise_id: str, message: str, hint: str = "") -> "Feedback":
        return cls(exercise_id, NOT_QUITE, message, hint)

    def __bool__(self) -> bool:
        return self.status == CORRECT

    def _headline(self) -> str:
        return f"{_ICONS[self.status]} {self.status.capitalize()} (exercise {self.exercise_id})"

    def __str__(self) -> str:
        lines = [self._headline() + (f": {self.message}" if self.message else ".")]
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        body = f"<strong>{html.escape(self._headline())}</strong>"
        if self.message:
            body += f": {html.escape(self.message)}"
        if self.hint:
            body += f"<br><em>Hint:</em> {html.escape(self.hint)}"
        colour = _COLOURS[self.status]
        return (
            f'<div class="summitlab-feedback" role="status" '
            f'style="border-left: 4px solid {colour}; padding: 0.3em 0.8em;">{body}</div>'
        )
