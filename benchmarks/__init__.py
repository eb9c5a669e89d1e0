"""Benchmark scripts (see README.md). A package only so that generate.py can import its parts."""
