"""Block: texts one under the other, each indented by its own margin (the excerpt rows)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.text import Text


@dataclass(frozen=True, slots=True)
class Block:
    """Texts one under the other, each wrapped at the width less its indent.

    What a Group of Paddings draws, at half the cost in a RowList (which
    wraps the texts itself); anywhere else it renders as that Group.
    """

    parts: tuple[tuple[Text, int], ...]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for text, indent in self.parts:
            yield Padding(text, (0, 0, 0, indent)) if indent else text
