#!/usr/bin/env bash
# One command on a machine with an NVIDIA GPU: trains a mid-size GPT for a few hundred steps on the GPU and a few
# steps on the CPU with the same code, and prints tokens/s, model TFLOP/s, the loss curves and the GPU/CPU ratio.
#
# Java: the launcher's build (cli/target) with `java` on PATH, or the bundle of scripts/gpu-bundle.sh (.gpu-bundle/).
# CUDA libtorch: DJL 0.36's JNI targets libtorch 2.7.1 (cu128); PYTORCH_LIBRARY_PATH may point at any libtorch lib
# folder, by default the one of the machine's Python torch. Whether a newer libtorch loads is what this finds out;
# a failure prints DJL's exact error.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
STEPS="${GPU_CHECK_STEPS:-300}"
CPU_STEPS="${GPU_CHECK_CPU_STEPS:-20}"

if [[ -d "$ROOT/.gpu-bundle" ]]; then
    JAVA="$ROOT/.gpu-bundle/jre/bin/java"
    CLASSPATH="$ROOT/.gpu-bundle/tidewise.jar:$ROOT/.gpu-bundle/lib/*"
else
    JAVA="$(command -v java)" || { echo "gpu-check: no java; run scripts/gpu-bundle.sh on a build machine first" >&2; exit 2; }
    CLASSPATH="$ROOT/cli/target/tidewise.jar:$(ls "$ROOT"/cli/target/lib/*.jar | grep -v pytorch-native-cpu | tr '\n' ':')"
fi

if [[ -z "${PYTORCH_LIBRARY_PATH:-}" ]]; then
    PYTORCH_LIBRARY_PATH="$(python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib"))')"
fi
export PYTORCH_LIBRARY_PATH PYTORCH_VERSION="${PYTORCH_VERSION:-2.7.1}" PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
export LD_LIBRARY_PATH="$PYTORCH_LIBRARY_PATH:${LD_LIBRARY_PATH:-}"

echo "== machine"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || echo "nvidia-smi not available"
python3 -c 'import torch; print("python torch", torch.__version__, "cuda", torch.version.cuda)' || true
echo "libtorch: $PYTORCH_LIBRARY_PATH (DJL told: $PYTORCH_VERSION $PYTORCH_FLAVOR)"
"$JAVA" -version 2>&1 | head -1

echo "== training throughput: GPU ${STEPS} steps, CPU ${CPU_STEPS} steps, same model"
exec "$JAVA" -cp "$CLASSPATH" io.tidewise.cli.TidewiseCommand bench training --device cpu,gpu \
    --layers 8 --width 512 --heads 8 --context 512 --batch 16 --steps "$STEPS" --cpu-steps "$CPU_STEPS" --warmup 5
