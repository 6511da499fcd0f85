"""Benchmarks for Recovery Plan: ``python bench/run.py`` (see README.md)."""
