#!/usr/bin/env bash
# Stops what setup.sh started, by the PIDs it recorded (nothing else is touched).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
for name in registry dockerd; do
	pidfile=".e2e/pids/${name}.pid"
	[ -f "${pidfile}" ] || continue
	pid=$(cat "${pidfile}")
	if kill -0 "${pid}" 2>/dev/null; then
		echo "== e2e teardown: stopping ${name} (${pid})"
		kill "${pid}"
		for _ in $(seq 30); do kill -0 "${pid}" 2>/dev/null || break; sleep 1; done
	fi
	rm -f "${pidfile}"
done
