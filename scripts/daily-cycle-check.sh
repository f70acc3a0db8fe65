#!/usr/bin/env bash
# The daily-cycle check: the sine check's shape question asked at the resolutions where a day is many patches long.
# One temperature-like day (a cold night near 16.5, a warm afternoon peaking at 41 at 15:00) with a little noise
# (sd 0.3), sampled every 5, 15, 30 and 60 minutes (a day is 288, 96, 48 and 24 steps): six days of it (1,500 values
# at least), cut at 12 origins an equal stretch of a day apart, so the forecasts start at every time of day, and
# forecast 48 steps ahead from each.
# Prints, per resolution, the median's mean absolute error against the noiseless day and seasonal naive's (the value
# a day earlier), and their ratio: below 1 beats repeating yesterday, which is near perfect here.
# Usage: scripts/daily-cycle-check.sh [MODEL_DIR [FORECAST_OPTION...]]   (default, or "": the promoted default model;
# e.g. scripts/daily-cycle-check.sh "" --adapt-seconds 30 to fine-tune on the six days first). Needs python3.
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/check-forecast.sh"
python3 - "$WORK/days.csv" "$WORK/truth.csv" <<'PY'
import datetime, math, random, sys
random.seed(3)
start = datetime.datetime(2024, 5, 1)
horizon, origins = 48, 12
def day_curve(minute_of_day):
    hour = minute_of_day / 60
    return 25 + 12 * math.cos(2 * math.pi * (hour - 15) / 24) + 4 * math.cos(4 * math.pi * (hour - 15) / 24)
with open(sys.argv[1], "w") as inputs, open(sys.argv[2], "w") as truth:
    inputs.write("series_id,timestamp,value\n")
    truth.write("series_id,minutes,step,truth,seasonal_naive\n")
    for minutes in (5, 15, 30, 60):
        day = 24 * 60 // minutes
        total = max(6 * day, 1500)
        observed = [day_curve(i * minutes % 1440) + random.gauss(0, 0.3) for i in range(total)]
        for k in range(origins):
            end = total - day - horizon + k * day // origins
            series = f"every-{minutes}m/origin-{k}"
            for i in range(end):
                inputs.write(f"{series},{(start + datetime.timedelta(minutes=minutes * i)).isoformat()}Z,"
                             f"{observed[i]:.4f}\n")
            for h in range(horizon):
                truth.write(f"{series},{minutes},{h + 1},{day_curve((end + h) * minutes % 1440):.4f},"
                            f"{observed[end - day + h % day]:.4f}\n")
PY
forecast_check "$WORK/days.csv" 48 "$WORK/forecast.csv" "${1:-}" "${@:2}"
python3 - "$WORK/forecast.csv" "$WORK/truth.csv" <<'PY'
import collections, csv, sys
median = {(r["series_id"], r["step"]): float(r["p50"]) for r in csv.DictReader(open(sys.argv[1]))}
totals = collections.defaultdict(lambda: [0.0, 0.0, 0])
for r in csv.DictReader(open(sys.argv[2])):
    key = (r["series_id"], r["step"])
    if key not in median:
        sys.exit(f"the forecast has no step {r['step']} for {r['series_id']}")
    truth = float(r["truth"])
    total = totals[int(r["minutes"])]
    total[0] += abs(median[key] - truth)
    total[1] += abs(float(r["seasonal_naive"]) - truth)
    total[2] += 1
for minutes, (model, naive, count) in totals.items():
    print(f"every {minutes} minutes (a day is {24 * 60 // minutes} steps): MAE of the median {model / count:.2f}, "
          f"seasonal naive {naive / count:.2f}, ratio {model / naive:.2f}")
PY
