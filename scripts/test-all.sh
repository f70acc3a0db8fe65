#!/usr/bin/env bash
# Runs every test of Tidewise: installs the Debian packages the build and the tests need when they are missing
# (with sudo when not root), then the whole Maven build with its tests. Extra arguments go to Maven.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

# curl, unzip, ca-certificates: the Maven wrapper fetches Maven; influxdb: influxd, which store tests start on
# loopback (scripts/install-influxdb.sh installs it without starting or enabling its system service); chromium,
# chromium-driver: the web app's browser tests (headless); fonts-noto-cjk: Chinese labels in their screenshots;
# docker-compose: validates docker-compose.yml offline (no Docker engine is needed for `config`), here and in cli's
# DockerComposeFileTest.
PACKAGES=(ca-certificates curl unzip influxdb chromium chromium-driver fonts-noto-cjk docker-compose)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
fi
if ((${#missing[@]} > 0)); then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "test-all: please install: ${missing[*]}" >&2
        exit 1
    fi
    SUDO=()
    if [[ "$(id -u)" -ne 0 ]]; then
        SUDO=(sudo)
    fi
    echo "test-all: installing ${missing[*]}" >&2
    if [[ -z "${TIDEWISE_APT_UPDATED:-}" ]]; then
        "${SUDO[@]}" apt-get update -q
    fi
    others=()
    for package in "${missing[@]}"; do
        if [[ "$package" == influxdb ]]; then
            # the package's system service would listen on all interfaces: install it without one
            "${SUDO[@]}" "$ROOT/scripts/install-influxdb.sh"
        else
            others+=("$package")
        fi
    done
    if ((${#others[@]} > 0)); then
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${others[@]}"
    fi
fi

cd "$ROOT"
# The compose file first: a broken one fails here in seconds, before the build. .env.example supplies the variables
# (its passwords are placeholders); cli's DockerComposeFileTest checks the resolved stack in depth.
echo "test-all: docker-compose config -q (docker-compose.yml with .env.example)" >&2
docker-compose --env-file .env.example -f docker-compose.yml config -q
exec ./mvnw -B verify "$@"
