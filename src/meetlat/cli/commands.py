"""Typer's and click's own texts in the user's language.

Every group and command of the meetlat command is made by ``App`` (a ``typer.Typer``
whose groups are ``Group`` and whose commands are ``Command``), so that what Typer and
click write themselves reads as the rest of Meetlat does:

- the help page: "Gebruik:", the section titles, "[OPTIES]", the help option's text, the
  type names (``<tekst>``, ``<pad>``), "[standaard: …]" and "[verplicht]";
- a usage error (an unknown option, a missing argument, a value of the wrong type): one
  Dutch sentence on stderr after the usage line, and with ``--json`` also one JSON error
  object on stdout, exit code 2.

Typer marks its own texts with gettext; ``install()`` gives it Meetlat's catalogue (and
translates the titles of its rich help panels). The click that Typer carries writes its
texts in English without gettext; those are translated here, where they are shown.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
import typer.core
import typer.rich_utils

from meetlat.cli.common import print_json, say
from meetlat.cli.faults import sentence
from meetlat.i18n import _, ngettext

try:  # typer 0.2x carries its own copy of click
    from typer import _click as click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older typer on the click package
    import click
    from click import exceptions as click_exceptions

_TYPE = re.compile(r"<([^<>|]+)>")


def type_name(name: str) -> str:
    """The Dutch name of a type shown in the help (``str`` → ``tekst``)."""
    names = {
        "str": _("text"),
        "int": _("whole number"),
        "float": _("number"),
        "bool": _("yes/no"),
        "path": _("path"),
        "Path": _("path"),
        "file": _("file"),
        "directory": _("folder"),
        "datetime": _("date and time"),
        "list[str]": _("texts"),
        "list[Path]": _("paths"),
        "list[int]": _("whole numbers"),
    }
    return names.get(name, name)


def install() -> None:
    """Typer's own texts through Meetlat's catalogue: Typer calls ``_`` (gettext) for them
    when it shows them, and computed the titles of its rich panels when it was imported."""
    typer.core._ = _
    typer.rich_utils._ = _
    rich = typer.rich_utils
    rich.DEPRECATED_STRING = _("(deprecated) ")
    rich.DEFAULT_STRING = _("[default: {}]")
    rich.ENVVAR_STRING = _("[env var: {}]")
    rich.REQUIRED_LONG_STRING = _("[required]")
    rich.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich.OPTIONS_PANEL_TITLE = _("Options")
    rich.COMMANDS_PANEL_TITLE = _("Commands")
    rich.ERRORS_PANEL_TITLE = _("Error")
    rich.ABORTED_TEXT = _("Aborted.")
    rich.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")


class Formatter(click.HelpFormatter):
    """The help page's layout, with Dutch words for click's own."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        named = [(_TYPE.sub(lambda m: f"<{type_name(m[1])}>", term), text) for term, text in rows]
        super().write_dl(named, *args, **kwargs)


class Context(click.Context):
    formatter_class = Formatter


class _Dutch:
    """What Meetlat's groups and commands change in Typer's."""

    context_class = Context

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class Command(_Dutch, typer.core.TyperCommand):
    pass


class Group(_Dutch, typer.core.TyperGroup):
    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command. A usage error (a word the command does not know, a value
        missing or of the wrong type) ends in Dutch, exit code 2; a fault of the machine
        (a full disk, a read-only folder) in one sentence, exit code 1, never a
        traceback; a defect in Meetlat keeps its traceback. With ``--json``, either also
        prints one JSON error object on stdout."""
        args = sys.argv[1:] if args is None else list(args)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click_exceptions.NoArgsIsHelpError as error:
            typer.echo(error.format_message(), err=True)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            show_error(error, as_json="--json" in args)
            sys.exit(error.exit_code)
        except OSError as error:
            message = sentence(error)
            say(message, "[red]✗[/red]", error=True)
            if "--json" in args:
                print_json({"error": message, "exit_code": 1})
            sys.exit(1)
        except typer.Abort:
            typer.echo(_("Aborted!"), err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


class App(typer.Typer):
    """A ``typer.Typer`` whose groups and commands speak the user's language."""

    def __init__(self, **options: Any) -> None:
        options.setdefault("cls", Group)
        options.setdefault("options_metavar", _("[OPTIONS]"))
        options.setdefault("subcommand_metavar", _("COMMAND [ARGS]..."))
        options.setdefault("add_completion", False)
        options.setdefault("rich_markup_mode", None)
        super().__init__(**options)

    def command(self, name: str | None = None, *, cls: type | None = None, **options: Any):
        return super().command(name, cls=cls or Command, **options)


def show_error(error: click.ClickException, as_json: bool = False) -> None:
    """A usage error as click shows it, in Dutch: the usage line, where to find help, and
    the error; with ``as_json`` also one JSON error object on stdout."""
    message = error_text(error)
    context = getattr(error, "ctx", None)
    if context is not None:
        lines = [context.get_usage()]
        if context.command.get_help_option(context) is not None:
            lines.append(
                _("Try '{command} {option}' for help.").format(
                    command=context.command_path, option=context.help_option_names[0]
                )
            )
        typer.echo("\n".join(lines) + "\n", err=True)
    typer.echo(_("Error: {message}").format(message=message), err=True)
    if as_json:
        print_json({"error": message, "exit_code": error.exit_code})


def error_text(error: click.ClickException) -> str:
    """What went wrong, in Dutch, from the parts of click's exception (its English text
    only where click keeps no parts)."""
    if isinstance(error, click_exceptions.NoSuchOption):
        text = _("No such option: {option}").format(option=error.option_name)
        if error.possibilities:
            text += " " + _("(did you mean {options}?)").format(
                options=", ".join(sorted(error.possibilities))
            )
        return text
    if isinstance(error, click_exceptions.MissingParameter):
        return _missing(error)
    if isinstance(error, click_exceptions.BadParameter):
        hint = _hint(error)
        reason = reason_text(error.message)
        if hint is None:
            return _("Invalid value: {reason}").format(reason=reason)
        return _("Invalid value for {option}: {reason}").format(option=hint, reason=reason)
    if isinstance(error, click_exceptions.FileError):
        return _("Could not open file {file}: {reason}").format(
            file=error.ui_filename, reason=error.message
        )
    return reason_text(error.message)


def _hint(error) -> str | None:
    if error.param_hint is not None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)
    if error.param is not None:
        return error.param.get_error_hint()
    return None


def _missing(error) -> str:
    hint = _hint(error) or ""
    kind = error.param_type or (error.param.param_type_name if error.param else "")
    if kind == "argument":
        return _("Missing argument {name}.").format(name=hint)
    if kind == "option":
        return _("Missing option {name}.").format(name=hint)
    return _("Missing value {name}.").format(name=hint)


def _kind(english: str) -> str:
    return {"File": _("File"), "Directory": _("Folder")}.get(english, _("Path"))


def _extra(parts: dict) -> str:
    extra = parts["args"].split()
    return ngettext(
        "Got an unexpected extra argument: {args}",
        "Got unexpected extra arguments: {args}",
        len(extra),
    ).format(args=" ".join(extra))


def _suggested(parts: dict) -> str:
    message = reason_text(parts["message"] + ".").rstrip(".")
    return _("{message}. Did you mean {names}?").format(message=message, names=parts["names"])


_PATH = r"(?P<kind>File|Directory|Path) (?P<path>.*)"
# click's and Typer's English reasons (they have no gettext), each with its Dutch text
_REASONS = tuple(
    (re.compile(pattern, re.DOTALL), text)
    for pattern, text in (
        (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", _extra),
        (
            r"Option (?P<option>'[^']*') requires an argument\.",
            lambda p: _("Option {option} needs a value.").format(**p),
        ),
        (
            r"Option (?P<option>'[^']*') requires (?P<count>\d+) arguments\.",
            lambda p: _("Option {option} needs {count} values.").format(**p),
        ),
        (
            r"Option (?P<option>'[^']*') does not take a value\.",
            lambda p: _("Option {option} takes no value.").format(**p),
        ),
        (
            r"Argument (?P<name>'[^']*') takes (?P<count>\d+) values\.",
            lambda p: _("Argument {name} takes {count} values.").format(**p),
        ),
        (
            r"(?P<value>.*) is not one of (?P<values>.*)\.",
            lambda p: _("{value} is not one of {values}.").format(**p),
        ),
        (
            r"Value (?P<value>.*) is not a valid (?P<type>[\w\[\]]+)\.",
            lambda p: _("{value} is not a valid {type}.").format(
                value=p["value"], type=type_name(p["type"])
            ),
        ),
        (
            _PATH + r" does not exist\.",
            lambda p: _("{kind} {path} does not exist.").format(
                kind=_kind(p["kind"]), path=p["path"]
            ),
        ),
        (
            _PATH + r" is a file\.",
            lambda p: _("{kind} {path} is a file.").format(kind=_kind(p["kind"]), path=p["path"]),
        ),
        (
            _PATH + r" is a directory\.",
            lambda p: _("{kind} {path} is a folder.").format(kind=_kind(p["kind"]), path=p["path"]),
        ),
        (
            _PATH + r" is not readable\.",
            lambda p: _("{kind} {path} cannot be read.").format(
                kind=_kind(p["kind"]), path=p["path"]
            ),
        ),
        (
            _PATH + r" is not writable\.",
            lambda p: _("{kind} {path} cannot be written.").format(
                kind=_kind(p["kind"]), path=p["path"]
            ),
        ),
        (r"Input should be a valid integer.*", lambda p: _("not a whole number.")),
        (r"Input should be a valid number.*", lambda p: _("not a number.")),
        (r"Input should be a valid boolean.*", lambda p: _("not yes or no (true/false).")),
        (
            r"Input should be greater than or equal to (?P<limit>.*)",
            lambda p: _("at least {limit}.").format(**p),
        ),
        (
            r"Input should be less than or equal to (?P<limit>.*)",
            lambda p: _("at most {limit}.").format(**p),
        ),
        (r"(?P<message>.*)\. Did you mean (?P<names>.*)\?", _suggested),
    )
)


def reason_text(message: str) -> str:
    """click's or Typer's English reason in Dutch; a text already Dutch (Typer's own,
    translated through ``install()``, or Meetlat's) stays as it is."""
    for pattern, text in _REASONS:
        match = pattern.fullmatch(message.strip())
        if match is not None:
            return text(match.groupdict())
    return message
