"""The ``marsad`` command line.  Each command's docstring is its ``--help``.

Commands live in small modules by topic; each module exposes ``register(app)``.
"""

from __future__ import annotations

import typer

__all__ = ["app", "main"]

app = typer.Typer(
    name="marsad",
    help="Marsad: turn conflict field reports into traceable, geocoded event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click output: usage errors are short plain lines, not boxed panels.
    rich_markup_mode=None,
)


def _register_commands() -> None:
    from marsad.cli import core, evaluate, linking, places

    for module in (core, linking, places, evaluate):
        module.register(app)


_register_commands()


def main() -> None:
    """Entry point of the ``marsad`` console script."""
    app()
