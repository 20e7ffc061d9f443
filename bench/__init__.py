"""Benchmarks: each script prints a table; none of them is a test."""
