"""Benchmarks, not tests: `python -m bench`, or one: `python -m bench.casefile`."""
