#!/usr/bin/env bash
# Prepares what scripts/gpu-check.sh needs on a GPU machine that has no Java and no network: a jlink'd JRE and the
# command line's jars without the CPU-only PyTorch natives (DJL would otherwise pick them over CUDA libtorch).
# Output: .gpu-bundle/ (ignored by git), about 60 MB.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
BUNDLE="$ROOT/.gpu-bundle"
JDK="${TIDEWISE_JLINK_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"

(cd "$ROOT" && ./mvnw -q -B -DskipTests -pl cli -am install)
rm -rf "$BUNDLE"
mkdir -p "$BUNDLE/lib"
"$JDK/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.sql,java.xml,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --compress=zip-9 --output "$BUNDLE/jre"
cp "$ROOT/cli/target/tidewise.jar" "$BUNDLE/"
for jar in "$ROOT"/cli/target/lib/*.jar; do
    case "$(basename "$jar")" in
        pytorch-native-cpu-*) ;; # CUDA libtorch comes from the GPU machine's own PyTorch
        *) cp "$jar" "$BUNDLE/lib/" ;;
    esac
done
du -sh "$BUNDLE"
