"""`meetlat privacy flag|special|register`: citizens' posts that reveal a special category
of personal data, and the processing-register description.

``register_commands(privacy_app)`` adds the commands to a ``privacy`` sub-app that
another module may own (``meetlat privacy erase``); ``register(app)`` makes that sub-app
when this module is the only one with privacy commands.
"""

from __future__ import annotations

import typer

from meetlat.app import register as processing
from meetlat.app import special
from meetlat.cli.common import current_workspace, print_json, say
from meetlat.collect.catalog import collectors
from meetlat.i18n import _, ngettext, number
from meetlat.privacy import special as rules

FORMATS = ("md", "json")


def _counts(per_category: dict[str, int]) -> None:
    for category in rules.CATEGORIES:
        say(
            _("  {category}: {count}").format(
                category=processing.category_name(category),
                count=number(per_category.get(category, 0)),
            )
        )


def flag_command(
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
) -> None:
    made = special.flag(current_workspace())
    if as_json:
        print_json(
            {"checked": made.checked, "flagged": made.flagged, "per_category": made.per_category,
             "rules": made.rules, "at": made.at}
        )  # fmt: skip
        return
    say(
        ngettext(
            "{flagged} of {checked} post by citizens flagged for restricted access.",
            "{flagged} of {checked} posts by citizens flagged for restricted access.",
            made.checked,
        ).format(flagged=number(made.flagged), checked=number(made.checked))
    )
    _counts(made.per_category)


def special_command(
    as_json: bool = typer.Option(False, "--json", help=_("Print the result as JSON.")),
) -> None:
    found = special.report(current_workspace())
    if as_json:
        print_json(
            {"checked": found.checked, "flagged": found.flagged,
             "per_category": found.per_category, "rules": found.rules, "at": found.at,
             "refreshed": found.refreshed}
        )  # fmt: skip
        return
    if found.refreshed:
        say(_("The flags were out of date and have been made again."), error=True)
    say(
        _(
            "Posts by citizens that reveal a special category of personal data (flagged "
            "{at}, rules {rules}): {flagged} of {checked}."
        ).format(
            at=found.at,
            rules=found.rules,
            flagged=number(found.flagged),
            checked=number(found.checked),
        )  # fmt: skip
    )
    _counts(found.per_category)
    say(_("A post can reveal more than one category."), error=True)


def register_command(
    output_format: str = typer.Option(
        "md", "--format", help=_("The format: md (Markdown) or json."), case_sensitive=False
    ),
) -> None:
    chosen = output_format.lower()
    if chosen not in FORMATS:
        raise typer.BadParameter(
            _("choose one of: {choices}").format(choices=", ".join(FORMATS)),
            param_hint="--format",
        )
    fields = processing.describe(current_workspace(), collectors.describe())
    if chosen == "json":
        print_json(processing.as_json(fields))
    else:
        typer.echo(processing.as_markdown(fields))


def register_commands(privacy_app: typer.Typer) -> None:
    privacy_app.command(
        "flag",
        help=_(
            "Flag citizens' posts that reveal a special category of personal data "
            "(health, religion, political opinion, ...) for restricted access."
        ),
    )(flag_command)
    privacy_app.command(
        "special",
        help=_("Count the flagged posts per special category (never texts or handles)."),
    )(special_command)
    privacy_app.command(
        "register",
        help=_("Describe the processing for a processing register (Algoritmeregister style)."),
    )(register_command)
