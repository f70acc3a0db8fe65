#!/usr/bin/env bash
# The accuracy issue's sine check: a clean sine (level 100, amplitude 50, period 24, 720 hourly values) forecast 48
# steps ahead. Prints the range of the median over the first 24 forecast hours (a perfect forecast has 100), its mean
# absolute error against the true continuation, and the 10-90% band's width at step 1.
# Usage: scripts/sine-check.sh [MODEL_DIR]   (default: the promoted default model). Needs python3.
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/check-forecast.sh"
python3 - "$WORK/sine.csv" <<'PY'
import datetime, math, sys
t0 = datetime.datetime(2024, 1, 1)
with open(sys.argv[1], "w") as f:
    f.write("series_id,timestamp,value\n")
    for i in range(720):
        f.write(f"sine,{(t0 + datetime.timedelta(hours=i)).isoformat()}Z,{100 + 50 * math.sin(2 * math.pi * i / 24):.6f}\n")
PY
forecast_check "$WORK/sine.csv" 48 "$WORK/forecast.csv" "${1:-}"
python3 - "$WORK/forecast.csv" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
p50 = [float(r["p50"]) for r in rows]
truth = [100 + 50 * math.sin(2 * math.pi * (720 + h) / 24) for h in range(48)]
print(f"24-hour range of the median: {max(p50[:24]) - min(p50[:24]):.2f} (truth 100); "
      f"MAE over 48 steps: {sum(abs(a - b) for a, b in zip(p50, truth)) / 48:.2f}; "
      f"10-90% band width at step 1: {float(rows[0]['p90']) - float(rows[0]['p10']):.2f}")
PY
