"""Readers shared by the panel behaviour checks (random walk, trend): contexts in, medians out."""
import collections
import csv
import sys


def contexts(path):
    """Values of every series of a long CSV (series_id,timestamp,value), in file order."""
    values = collections.defaultdict(list)
    for row in csv.DictReader(open(path)):
        values[row["series_id"]].append(float(row["value"]))
    return values


def medians(path, series_ids, steps):
    """The p50 path of every series of a forecast CSV; exits naming a series whose forecast is not `steps` long."""
    median = collections.defaultdict(list)
    for row in csv.DictReader(open(path)):
        median[row["series_id"]].append(float(row["p50"]))
    for series in series_ids:
        if len(median[series]) != steps:
            sys.exit(f"the forecast has {len(median[series])} steps for {series}, expected {steps}")
    return median
