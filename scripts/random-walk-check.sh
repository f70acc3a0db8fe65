#!/usr/bin/env bash
# The random-walk check: 300 simulated geometric random walks (60 to 512 values, daily volatility 0.5-2%, seeded),
# forecast 14 steps ahead. The last value is the best point forecast of a random walk, so a model's median should
# not do worse. Prints the geometric mean over walks of the median's MAE divided by the last value's (1.000 ties it),
# by context length, and how far the 14th step's median sits from the last value, in standard deviations of the
# walk's log steps.
# Usage: scripts/random-walk-check.sh [MODEL_DIR]   (default: the promoted default model). Needs python3.
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/check-forecast.sh"
python3 - "$WORK/walks.csv" "$WORK/truth.csv" <<'PY'
import math, random, sys
random.seed(3)
with open(sys.argv[1], "w") as context, open(sys.argv[2], "w") as truth:
    context.write("series_id,timestamp,value\n")
    for i in range(300):
        length = random.choice([60, 128, 256, 512])
        volatility = random.choice([0.005, 0.01, 0.02])
        value = 100.0
        for t in range(length + 14):
            value *= math.exp(random.gauss(0, volatility))
            (context if t < length else truth).write(f"walk{i},{t},{value!r}\n")
PY
forecast_check "$WORK/walks.csv" 14 "$WORK/forecast.csv" "${1:-}"
python3 - "$WORK/walks.csv" "$WORK/truth.csv" "$WORK/forecast.csv" <<'PY'
import collections, math, sys
from check_series import contexts, medians
context, truth = contexts(sys.argv[1]), collections.defaultdict(list)
for line in open(sys.argv[2]):
    series, _, value = line.strip().split(",")
    truth[series].append(float(value))
median = medians(sys.argv[3], context, 14)
ratios, by_length, drift = [], collections.defaultdict(list), []
for series, values in context.items():
    last = values[-1]
    model = sum(abs(p - t) for p, t in zip(median[series], truth[series]))
    naive = sum(abs(last - t) for t in truth[series])
    ratios.append(math.log(model / naive))
    by_length[len(values)].append(math.log(model / naive))
    steps = [math.log(b / a) for a, b in zip(values, values[1:])]
    mean_step = sum(steps) / len(steps)
    step_deviation = math.sqrt(sum((s - mean_step) ** 2 for s in steps) / (len(steps) - 1))
    drift.append(abs(math.log(median[series][-1] / last)) / step_deviation)
drift.sort()
lengths = ", ".join(f"{n} values {math.exp(sum(v) / len(v)):.3f}" for n, v in sorted(by_length.items()))
print(f"median MAE / last value's MAE over 14 steps: {math.exp(sum(ratios) / len(ratios)):.3f} ({lengths}); "
      f"step 14's median is {drift[len(drift) // 2]:.2f} standard deviations of a log step from the last value "
      f"(median over walks)")
PY
