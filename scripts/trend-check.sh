#!/usr/bin/env bash
# The trend check: 300 simulated yearly series that grow (or shrink) at a steady rate with small noise, as GDP,
# population and capital stocks do (16 to 60 values, growth -3% to +8% a year, noise 0.2-3%, seeded), forecast 6
# years ahead. Extending the series' own growth is nearly right for them; repeating the last value is not. Prints the
# geometric mean over series of the median's MAE divided by the last value's (below 1 beats it) and divided by the
# noiseless growth path's (1.000 matches it), by noise level, and how much of the 6-year growth the median carries
# (median over series of the forecast's change over the true path's change; 1.00 carries it all).
# Usage: scripts/trend-check.sh [MODEL_DIR]   (default: the promoted default model). Needs python3.
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/check-forecast.sh"
python3 - "$WORK/series.csv" "$WORK/truth.csv" <<'PY'
import math, random, sys
random.seed(5)
with open(sys.argv[1], "w") as context, open(sys.argv[2], "w") as truth:
    context.write("series_id,timestamp,value\n")
    for i in range(300):
        length = random.choice([16, 24, 40, 60])
        growth = random.uniform(-0.03, 0.08)
        noise = random.choice([0.002, 0.01, 0.03])
        level = math.exp(random.uniform(math.log(10), math.log(10_000)))
        for t in range(length + 6):
            path = level * math.exp(growth * t)
            value = path * math.exp(random.gauss(0, noise))
            if t < length:
                context.write(f"s{i}_{noise},{1950 + t}-01-01,{value!r}\n")
            else:
                truth.write(f"s{i}_{noise},{value!r},{path!r}\n")
PY
forecast_check "$WORK/series.csv" 6 "$WORK/forecast.csv" "${1:-}"
python3 - "$WORK/series.csv" "$WORK/truth.csv" "$WORK/forecast.csv" <<'PY'
import collections, math, sys
from check_series import contexts, medians
context, truth, path = contexts(sys.argv[1]), collections.defaultdict(list), collections.defaultdict(list)
for line in open(sys.argv[2]):
    series, value, noiseless = line.strip().split(",")
    truth[series].append(float(value))
    path[series].append(float(noiseless))
median = medians(sys.argv[3], context, 6)
to_last, to_path, carried = [], collections.defaultdict(list), []
for series, values in context.items():
    last = values[-1]
    model = sum(abs(p - t) for p, t in zip(median[series], truth[series]))
    naive = sum(abs(last - t) for t in truth[series])
    growth_path = sum(abs(p - t) for p, t in zip(path[series], truth[series]))
    to_last.append(math.log(model / naive))
    to_path[series.split("_")[1]].append(math.log(model / growth_path))
    if abs(path[series][-1] - last) > 0.05 * last:
        carried.append((median[series][-1] - last) / (path[series][-1] - last))
carried.sort()
mean = lambda logs: math.exp(sum(logs) / len(logs))
noise = ", ".join(f"noise {float(n) * 100:g}% {mean(v):.3f}" for n, v in sorted(to_path.items(), key=lambda kv: float(kv[0])))
print(f"median MAE / last value's MAE over 6 years: {mean(to_last):.3f}; / the growth path's: "
      f"{mean([x for v in to_path.values() for x in v]):.3f} ({noise}); share of the 6-year growth carried: "
      f"{carried[len(carried) // 2]:.2f} (median over {len(carried)} series that move 5% or more)")
PY
