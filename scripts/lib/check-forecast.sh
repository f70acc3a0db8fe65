# Sourced by the behaviour checks (sine, weekday, random walk): forecast_check INPUT HORIZON OUTPUT [MODEL_DIR]
# forecasts a long CSV with the given model (default: the promoted default model), quietly unless it fails.
# Needs $ROOT, the repository root, set by the caller.
forecast_check() {
    local input="$1" horizon="$2" output="$3"
    local model_args=()
    if [[ -n "${4:-}" ]]; then
        model_args=(--model "$4")
    fi
    "$ROOT/tidewise" forecast "${model_args[@]}" --input "$input" --horizon "$horizon" --output "$output" \
        > /dev/null 2> "$output.log" || { cat "$output.log" >&2; return 1; }
}
