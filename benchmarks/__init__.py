"""Benchmarks: scripts that build large profiles and print figures as JSON.

`python -m benchmarks` runs every `bench_*.py` here and collects one report; each script also
runs alone (`python benchmarks/bench_gui.py`).
"""
