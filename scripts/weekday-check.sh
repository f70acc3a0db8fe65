#!/usr/bin/env bash
# The calendar check, the sine check's sharp-edged sibling: two clean square waves of the kind calendars make.
#   weekdays: daily values, 15,000 on weekdays and 5,000 on Saturdays and Sundays, 364 days, scored 14 days ahead;
#   opening-hours: hourly values, 100 from 08:00 to 17:59 on weekdays and 20 otherwise, 4 weeks, forecast 48 hours.
# Prints, per series, the median's mean absolute error as a share of the pattern's range (a perfect forecast, which
# seasonal naive is here, has 0%) and the median's mean on the low and the high stretches of the truth.
# Usage: scripts/weekday-check.sh [MODEL_DIR]   (default: the promoted default model). Needs python3.
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/check-forecast.sh"
python3 - "$WORK/calendar.csv" <<'PY'
import datetime, sys
with open(sys.argv[1], "w") as f:
    f.write("series_id,timestamp,value\n")
    day0 = datetime.date(2024, 1, 1)  # a Monday
    for i in range(364):
        day = day0 + datetime.timedelta(days=i)
        f.write(f"weekdays,{day.isoformat()},{15000 if day.weekday() < 5 else 5000}\n")
    hour0 = datetime.datetime(2024, 1, 1)
    for i in range(4 * 168):
        t = hour0 + datetime.timedelta(hours=i)
        f.write(f"opening-hours,{t.isoformat()}Z,{100 if t.weekday() < 5 and 8 <= t.hour < 18 else 20}\n")
PY
forecast_check "$WORK/calendar.csv" 48 "$WORK/forecast.csv" "${1:-}"
python3 - "$WORK/forecast.csv" <<'PY'
import csv, datetime, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def truth(series, step):
    if series == "weekdays":
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=363 + step)
        return 15000 if day.weekday() < 5 else 5000
    t = datetime.datetime(2024, 1, 1) + datetime.timedelta(hours=4 * 168 - 1 + step)
    return 100 if t.weekday() < 5 and 8 <= t.hour < 18 else 20
for series, steps, low, high in (("weekdays", 14, 5000, 15000), ("opening-hours", 48, 20, 100)):
    pairs = [(float(r["p50"]), truth(series, int(r["step"]))) for r in rows
             if r["series_id"] == series and int(r["step"]) <= steps]
    mae = sum(abs(p - t) for p, t in pairs) / len(pairs)
    lows = [p for p, t in pairs if t == low]
    highs = [p for p, t in pairs if t == high]
    print(f"{series}: MAE of the median over {steps} steps {100 * mae / (high - low):.1f}% of the range; "
          f"median on low stretches {sum(lows) / len(lows):.0f} (truth {low}), "
          f"on high ones {sum(highs) / len(highs):.0f} (truth {high})")
PY
