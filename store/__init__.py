"""The fact store of alliances-tui. Never imports Textual."""
