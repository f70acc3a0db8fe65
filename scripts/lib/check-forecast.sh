# Sourced by the behaviour checks (sine, daily cycle, weekday, random walk, trend) as their first step: sets ROOT (the
# repository root), WORK (a scratch folder removed on exit) and PYTHONPATH (check_series.py), and defines
#   forecast_check INPUT HORIZON OUTPUT [MODEL_DIR [FORECAST_OPTION...]]
# which forecasts a long CSV with the given model (default, or an empty MODEL_DIR: the promoted default model) and any
# further `tidewise forecast` options (as --adapt-seconds 30), quietly unless it fails.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# the checks' Python reads its shared readers (check_series.py) from here, and leaves no bytecode in the clone
export PYTHONPATH="$ROOT/scripts/lib" PYTHONDONTWRITEBYTECODE=1

forecast_check() {
    local input="$1" horizon="$2" output="$3"
    local model_args=()
    if [[ -n "${4:-}" ]]; then
        model_args=(--model "$4")
    fi
    "$ROOT/tidewise" forecast "${model_args[@]}" --input "$input" --horizon "$horizon" --output "$output" \
        "${@:5}" > /dev/null 2> "$output.log" || { cat "$output.log" >&2; return 1; }
}
