"""The Textual explorer of a fact store: presentation only."""
