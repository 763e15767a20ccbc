"""What a template needs to show one question: its text, help, choices and state."""

from __future__ import annotations

from dataclasses import dataclass, field

from meetlat.i18n import _, language


@dataclass
class Shown:
    id: str
    dom_id: str
    text: str
    help: str
    type: str
    choices: list[tuple[str, str, str]]  # (value, label, description)
    value: str  # as the form shows it ("" when open)
    revision: int
    saved: bool = False
    error: str = ""
    conflict: bool = False
    theirs: str = ""
    theirs_label: str = ""
    mine_label: str = ""
    closed: bool = False
    extra: dict = field(default_factory=dict)


def as_text(value) -> str:
    return "" if value is None else str(value)


def choices(question, descriptions) -> list[tuple[str, str, str]]:
    lang = language()
    if question.type == "grade":
        return [(str(g), str(g), "") for g in question.allowed()]
    if question.type == "yes_no":
        return [("yes", _("yes"), ""), ("no", _("no"), "")]
    if question.type == "phase_choice":
        cells = descriptions.get(question.aspect, {})
        return [
            (
                str(o.value),
                _("Phase {phase}").format(phase=o.value),
                (cells.get(int(o.value)) or {}).get(lang)
                or (cells.get(int(o.value)) or {}).get("en", ""),
            )
            for o in question.options
        ]
    if question.type == "choice":
        return [(str(o.value), o.text.get(lang) or o.text["en"], "") for o in question.options]
    return []


def label_of(shown_choices, value: str) -> str:
    for choice_value, label, _description in shown_choices:
        if choice_value == value:
            return label
    return value or _("(no answer)")


def shown(question, answer, descriptions, **state) -> Shown:
    lang = language()
    value = as_text(answer.value) if answer is not None else ""
    revision = answer.revision if answer is not None else 0
    item = Shown(
        id=question.id,
        dom_id="q-" + question.id.replace(".", "-").replace("_", "-"),
        text=question.text.get(lang) or question.text["en"],
        help=question.allowed_text() if question.type in ("grade", "text") else "",
        type=question.type,
        choices=choices(question, descriptions),
        value=value,
        revision=revision,
    )
    for key, given in state.items():
        setattr(item, key, given)
    if item.conflict:
        item.theirs_label = label_of(item.choices, item.theirs)
        item.mine_label = label_of(item.choices, item.value)
    return item
