"""Moved to :mod:`store.words.clean`; kept only for tui/app.py and tui/cli.py until their split lands."""

from store.words.clean import escaped_line, visible, visible_line

__all__ = ["escaped_line", "visible", "visible_line"]
