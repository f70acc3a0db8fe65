#!/usr/bin/env bash
# Installs Debian's influxdb package (InfluxDB 1.x) for its influxd binary, which Tidewise starts itself on
# 127.0.0.1 with its own configuration, and leaves no system service behind. The package's install script would
# enable and start an unauthenticated influxd listening on all interfaces (port 8086), now and at every boot:
# a temporary /usr/sbin/policy-rc.d that answers 101 keeps it from starting during the install (the Debian way;
# an existing policy-rc.d is put back afterwards, even when the install fails), then the service is disabled
# (and stopped, where systemd runs). Run it as root (the callers prefix sudo). Prints one line saying so.
# Overrides, for tests only: TIDEWISE_POLICY_RC_D (the policy file), TIDEWISE_SYSTEMD_RUNTIME (/run/systemd/system).
set -euo pipefail

POLICY="${TIDEWISE_POLICY_RC_D:-/usr/sbin/policy-rc.d}"
SYSTEMD_RUNTIME="${TIDEWISE_SYSTEMD_RUNTIME:-/run/systemd/system}"

BACKUP=""
if [[ -e "$POLICY" || -L "$POLICY" ]]; then
    BACKUP="$POLICY.tidewise-backup.$$"
    mv -f "$POLICY" "$BACKUP"
fi
restore_policy() {
    rm -f "$POLICY"
    if [[ -n "$BACKUP" ]]; then
        mv -f "$BACKUP" "$POLICY"
    fi
}
trap restore_policy EXIT
trap 'exit 130' INT TERM HUP # through the EXIT trap, which puts the policy back
printf '#!/bin/sh\n# written by Tidewise while it installs influxdb: no service starts\nexit 101\n' >"$POLICY"
chmod 755 "$POLICY"

install_package() {
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends influxdb
}
if ! install_package; then
    # a machine whose package lists were never fetched knows no influxdb yet
    apt-get update -q
    install_package
fi

if [[ -d "$SYSTEMD_RUNTIME" ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now influxdb >/dev/null 2>&1 || true
    echo "tidewise: installed influxdb; its system service is disabled and stopped (Tidewise runs its own influxd on 127.0.0.1)" >&2
else
    # No systemd running: the package registered a SysV script for boot; switch it off there.
    if command -v update-rc.d >/dev/null 2>&1; then
        update-rc.d influxdb disable >/dev/null 2>&1 || true
    fi
    echo "tidewise: installed influxdb; its system service was not started and is disabled at boot (Tidewise runs its own influxd on 127.0.0.1)" >&2
fi
