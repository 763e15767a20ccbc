"""`meetlat model`: the growth model (phases, aspects, behaviour per cell, lines of growth)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from meetlat.cli import choices
from meetlat.cli.commands import App
from meetlat.cli.common import fail
from meetlat.growthmodel import markdown, model
from meetlat.i18n import _, language


class ModelFormat(StrEnum):
    md = "md"
    json = "json"


class Language(StrEnum):
    nl = "nl"
    en = "en"


def show(
    output: str = choices.option(
        ModelFormat.md, "--format", tuple(ModelFormat), _("Output format: {values}.")
    ),
    lang: str = choices.option(
        None,
        "--lang",
        tuple(Language),
        _("Language of the md document: {values}; default the user's language."),
    ),
    version: str = typer.Option("2014.1", "--version", help=_("Model version (e.g. 2014.1).")),
) -> None:
    output = choices.choose(output, tuple(ModelFormat), "--format")
    lang = choices.choose(lang, tuple(Language), "--lang")
    try:
        chosen = model.load(version)
    except (model.UnknownModelVersion, model.ModelError) as error:
        fail(str(error))
    if output is ModelFormat.json:
        sys.stdout.write(json.dumps(chosen.raw, ensure_ascii=False, indent=2) + "\n")
        return
    sys.stdout.write(markdown.render(chosen, lang.value if lang else language()))


def register(app: typer.Typer) -> None:
    group = App(
        help=_("The growth model: four phases, ten aspects, the book's behaviour descriptions."),
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    app.add_typer(group, name="model")

    group.command(
        "show",
        help=_(
            "Show the growth model: json is the validated model file (both languages), "
            "md a readable document (phases, the 10 × 4 table, lines of growth, chapters)."
        ),
    )(show)
