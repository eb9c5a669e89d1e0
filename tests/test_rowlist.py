"""RowList, the virtual list under the explorer's panes: rows are asked for and
rendered only as far as the screen, the cursor or the scroll reaches."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets.option_list import Option

from tui.panes.block import Block
from tui.panes.rowlist import RowList


class ListApp(App[None]):
    CSS = "RowList { height: 1fr; overflow-y: scroll; }"

    def __init__(self, count: int, *, wrap_every: int = 0, group_every: int = 0) -> None:
        super().__init__()
        self.count = count
        self.wrap_every = wrap_every
        self.group_every = group_every
        self.fetched: list[int] = []
        self.messages: list[tuple[str, str | None]] = []

    def fetch(self, index: int) -> Option | None:
        if index >= self.count:
            return None
        self.fetched.append(index)
        if self.group_every and index % self.group_every == 0:
            return Option(Text(f"── group {index}"), id=f"g{index}", disabled=True)
        words = " ".join(["word"] * 40) if self.wrap_every and index % self.wrap_every == 0 else ""
        return Option(Text(f"row {index} {words}".rstrip()), id=f"r{index}")

    def compose(self) -> ComposeResult:
        yield RowList(id="rows")

    def on_mount(self) -> None:
        self.rows.set_source(self.fetch)  # length unknown until fetched to the end
        self.rows.focus()

    @property
    def rows(self) -> RowList:
        return self.query_one(RowList)

    def on_row_list_highlighted(self, event: RowList.Highlighted) -> None:
        self.messages.append(("highlighted", event.option.id))

    def on_row_list_selected(self, event: RowList.Selected) -> None:
        self.messages.append(("selected", event.option.id))


async def test_only_the_rows_on_screen_are_fetched_and_rendered() -> None:
    app = ListApp(100_000)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        rows = app.rows
        assert len(app.fetched) < 40  # a screenful (20 lines) and a little more, not 100,000
        assert len(rows._strips) < 40
        assert rows.virtual_size.height < 100  # unknown length: what is measured and a screenful more
        for _ in range(30):  # the first j puts the cursor on row 0
            await pilot.press("j")
        assert rows.highlighted == 29
        assert rows.highlighted_option is not None and rows.highlighted_option.id == "r29"
        assert len(app.fetched) < 80
        assert rows.scroll_y > 0  # the cursor is kept on screen


async def test_cursor_keys_skip_rows_that_cannot_be_selected() -> None:
    app = ListApp(50, group_every=10)
    async with app.run_test(size=(60, 20)) as pilot:
        rows = app.rows
        await pilot.press("j")
        assert rows.highlighted == 1  # row 0 is a group heading
        for _ in range(9):
            await pilot.press("j")
        assert rows.highlighted == 11  # past the heading of row 10
        await pilot.press("k")
        assert rows.highlighted == 9
        await pilot.press("G")
        assert rows.highlighted == 49
        assert rows.option_count == 50
        await pilot.press("g")
        assert rows.highlighted == 1
        await pilot.press("pagedown")
        assert 15 <= rows.highlighted <= 21  # about a screen further
        await pilot.press("pageup")
        assert rows.highlighted == 1
        await pilot.press("enter")
        assert app.messages[-1] == ("selected", "r1")
        assert ("highlighted", "r49") in app.messages


async def test_rows_wrap_at_the_width_and_again_after_a_resize() -> None:
    app = ListApp(10, wrap_every=2)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        rows = app.rows
        wide = rows._heights[0]
        assert wide >= 3  # row 0 holds 40 words: it wraps
        assert rows._heights[1] == 1
        await pilot.resize_terminal(30, 20)
        await pilot.pause()
        assert rows._heights[0] > wide
        lines = [strip.text.rstrip() for strip in rows.render_lines(rows.scrollable_content_region.reset_offset)]
        assert lines[0].startswith("row 0 word")
        assert all(len(line) <= rows.scrollable_content_region.width for line in lines)


async def test_a_click_highlights_and_a_double_click_selects() -> None:
    app = ListApp(10)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.click(RowList, offset=(2, 3))
        assert app.rows.highlighted == 3
        assert app.messages[-1] == ("highlighted", "r3")
        await pilot.click(RowList, offset=(2, 4), times=2)
        assert app.rows.highlighted == 4
        assert app.messages[-1] == ("selected", "r4")


async def test_set_options_ids_and_a_one_cell_terminal() -> None:
    app = ListApp(0)
    async with app.run_test(size=(60, 20)) as pilot:
        rows = app.rows
        rows.set_options([Option(Text(name), id=name) for name in ("alpha", "beta", "gamma")])
        assert rows.option_count == 3
        assert rows.get_option_index("gamma") == 2
        assert rows.get_option_at_index(1).id == "beta"
        rows.highlighted = 5  # past the end: the last row
        assert rows.highlighted == 2
        await pilot.resize_terminal(1, 1)
        await pilot.pause()
        await pilot.press("k", "j", "G", "pagedown")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert rows.highlighted_option is not None and rows.highlighted_option.id == "gamma"
        rows.clear_options()
        assert rows.option_count == 0 and rows.highlighted is None


async def test_a_block_wraps_each_part_inside_its_margin() -> None:
    body = Text(" ".join(["quoted"] * 20))
    app = ListApp(0)
    async with app.run_test(size=(40, 10)) as pilot:
        rows = app.rows
        rows.set_options([Option(Block(((Text("Head line"), 0), (body, 4))), id="b")])
        await pilot.pause()
        lines = [strip.text for strip in rows.render_lines(rows.scrollable_content_region.reset_offset)]
        assert lines[0].startswith("Head line")
        body_lines = [line for line in lines[1:] if line.strip()]
        assert len(body_lines) >= 3
        assert all(line.startswith("    quoted") for line in body_lines)


async def test_on_highlight_is_called_at_once_instead_of_a_message() -> None:
    seen: list[str | None] = []

    class CallbackApp(ListApp):
        def compose(self) -> ComposeResult:
            yield RowList(id="rows", on_highlight=lambda option: seen.append(option.id))

    app = CallbackApp(10)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        app.rows.highlighted = 4
        assert seen == ["r4"]  # during the assignment: whoever follows the cursor draws in the same frame
        await pilot.press("j")
        assert seen == ["r4", "r5"]
        assert not [m for m in app.messages if m[0] == "highlighted"]


async def test_rows_shown_again_are_not_rendered_again_unless_they_changed() -> None:
    """Back and forth between two countries redraws the same rows: their rendering is kept, by content."""
    app = ListApp(0)
    first = [Option(Text(f"first {i}"), id=f"a{i}") for i in range(5)]
    second = [Option(Block(((Text(f"second {i}"), 0), (Text("a quote " * 12), 4))), id=f"b{i}") for i in range(5)]
    async with app.run_test(size=(40, 20)) as pilot:
        rows = app.rows
        rows.set_options(first)
        await pilot.pause()
        rows.set_options(second)
        await pilot.pause()
        rendered = rows.rendered
        assert rendered >= 10
        # New Option objects, equal content: nothing to render.
        rows.set_options([Option(Text(f"first {i}"), id=f"a{i}") for i in range(5)])
        await pilot.pause()
        rows.set_options([Option(Block(((Text(f"second {i}"), 0), (Text("a quote " * 12), 4))), id=f"b{i}") for i in range(5)])
        await pilot.pause()
        assert rows.rendered == rendered
        assert screen_rows(app)[0] == "second 0" and screen_rows(app)[1].startswith("    a quote a quote")

        # A row whose text changed (a note edited, a status set) is rendered anew, even under the same id.
        changed = [Option(Text(f"first {i}" + (" ✓" if i == 0 else "")), id=f"a{i}") for i in range(5)]
        rows.set_options(changed)
        await pilot.pause()
        assert rows.rendered == rendered + 1
        assert screen_rows(app)[0] == "first 0 ✓"

        # So is a styled span that differs only in its style.
        bold = Text("first 1")
        bold.stylize("bold", 0, 5)
        rows.set_options([changed[0], Option(bold, id="a1")])
        await pilot.pause()
        assert rows.rendered == rendered + 2

        # Another width wraps anew.
        await pilot.resize_terminal(30, 20)
        await pilot.pause()
        assert rows.rendered > rendered + 2


def screen_rows(app: ListApp) -> list[str]:
    rows = app.rows
    return [rows.render_line(y).text.rstrip() for y in range(rows.size.height)]


async def test_a_row_that_cannot_be_keyed_is_drawn_all_the_same() -> None:
    class Odd:
        cache_key = ("odd", ["a list is not hashable"])

        def __rich_console__(self, console, options):  # type: ignore[no-untyped-def]
            yield Text("odd row")

    app = ListApp(0)
    async with app.run_test(size=(40, 10)) as pilot:
        app.rows.set_options([Option(Odd(), id="o")])  # type: ignore[arg-type]
        await pilot.pause()
        assert screen_rows(app)[0] == "odd row"


async def test_a_drag_selects_the_rows_text_as_a_log_does_and_ctrl_c_copies_it() -> None:
    """allow_select and get_selection as Textual's Log: the offsets are lines of the whole list, not of the screen."""
    app = ListApp(200)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        rows = app.rows
        assert rows.allow_select
        await pilot.mouse_down(RowList, offset=(0, 2))
        await pilot.hover(RowList, offset=(4, 4))
        await pilot.mouse_up(RowList, offset=(4, 4))
        await pilot.pause()
        selected = app.screen.get_selected_text()
        assert selected is not None and selected.startswith("row 2\nrow 3\nrow"), selected
        # The selection is drawn: the selected cells differ from the same row unselected.
        assert rows.render_line(3).text.rstrip() == "row 3"
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == selected
        # Scrolled down, a drag selects the rows shown there.
        for _ in range(60):
            await pilot.press("j")
        top = int(rows.scroll_y)
        assert top > 10
        await pilot.mouse_down(RowList, offset=(0, 1))
        await pilot.hover(RowList, offset=(30, 1))
        await pilot.mouse_up(RowList, offset=(30, 1))
        await pilot.pause()
        assert app.screen.get_selected_text() == f"row {top + 1}"


async def test_the_list_draws_its_scrollbar_and_the_mouse_scrolls_with_it() -> None:
    """Drawn by the list in its last column (Textual's own is hidden): a press below the thumb pages, a drag moves."""
    app = ListApp(200)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        rows = app.rows
        assert rows.styles.scrollbar_size_vertical == 0 and rows.allow_vertical_scroll
        last = rows.size.width - 1
        parts = [rows.render_line(y).crop(last, last + 1) for y in range(rows.size.height)]
        kinds = [strip._segments[0].style.meta.get("bar") for strip in parts]
        assert kinds[0] == "thumb" and kinds[-1] == "down", kinds
        await pilot.mouse_down(RowList, offset=(last, rows.size.height - 1))
        await pilot.mouse_up(RowList, offset=(last, rows.size.height - 1))
        await pilot.pause()
        assert rows.scroll_y >= rows.size.height - 2  # a page
        paged = rows.scroll_y
        thumb = next(y for y in range(rows.size.height) if rows.render_line(y).crop(last, last + 1)._segments[0].style.meta.get("bar") == "thumb")
        await pilot.mouse_down(RowList, offset=(last, thumb))
        await pilot.hover(RowList, offset=(last, thumb + 3))
        await pilot.mouse_up(RowList, offset=(last, thumb + 3))
        await pilot.pause()
        assert rows.scroll_y > paged
        assert app.screen.get_selected_text() in (None, "")  # the drag scrolled; it selected nothing


def test_a_bar_is_a_few_strips_shared_by_its_lines() -> None:
    """A strip brings seven caches of its own: a bar of 40 lines makes one per distinct cell, not one a line."""
    from textual.color import Color

    from tui.panes.scrollbar import BarState, draw_bar

    strips = draw_bar(BarState(40, 400, 100.0, False, False), Color(20, 20, 20), Color(200, 200, 200))
    assert len(strips) == 40
    assert len({id(strip) for strip in strips}) <= 4
    parts = [next(iter(strip)).style.meta.get("bar") for strip in strips]
    assert parts[0] == "up" and "thumb" in parts and parts[-1] == "down", parts


async def test_an_unchanged_list_repaints_with_the_strips_it_drew() -> None:
    """Rows and bar joined once: a repaint of unchanged lines makes no new strips (nor filters them again)."""
    from textual.geometry import Region

    app = ListApp(200)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("j")  # the cursor on the first row
        rows = app.rows
        whole = Region(0, 0, rows.size.width, rows.size.height)
        first = rows.render_lines(whole)
        again = rows.render_lines(whole)
        assert all(a is b for a, b in zip(first, again)) and len(first) == rows.size.height
        await pilot.press("j")
        moved = rows.render_lines(whole)
        changed = [y for y in range(len(first)) if moved[y] is not first[y]]
        assert changed == [0, 1], changed  # the row the cursor left and the one it reached
