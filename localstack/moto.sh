#!/usr/bin/env bash
# A moto server on loopback for the local AWS loop, shared by commands you run by hand.
#
#   localstack/moto.sh start [PORT]   start one (default port 5000) unless ours is running; prints the export line
#   localstack/moto.sh stop           stop the one this script started (and nothing else)
#   localstack/moto.sh status         running or not, and where
#   localstack/moto.sh env            the export line: eval "$(localstack/moto.sh env)"
#
# Tests and `./certfleet demo` do not need this: without AWS_ENDPOINT_URL they start a moto of their own.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$here/.moto"
pid_file="$state/pid"
port_file="$state/port"
log_file="$state/moto.log"

ours_running() {
  [ -f "$pid_file" ] || return 1
  local pid; pid=$(cat "$pid_file")
  # Only a process that is really our moto counts (a stale pid may belong to something else by now).
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "moto.server"
}

endpoint() { echo "http://127.0.0.1:$(cat "$port_file")"; }

start() {
  local port="${1:-5000}"
  if ours_running; then
    echo "moto already running at $(endpoint) (pid $(cat "$pid_file"))" >&2
    echo "export AWS_ENDPOINT_URL=$(endpoint)"
    return 0
  fi
  python3 -c 'import moto.server' 2>/dev/null || {
    echo "moto is not installed: pip install 'moto[server]==5.2.1'" >&2; exit 1; }
  mkdir -p "$state"
  # moto_extensions.py: the operations certfleet calls that moto 5.2.1 lacks (API Gateway UpdateDomainName).
  MOTO_ACM_VALIDATION_WAIT=0 nohup python3 -c "import sys; exec(open(sys.argv.pop(1)).read()); \
from moto.server import main; main(sys.argv[1:])" "$here/moto_extensions.py" -H 127.0.0.1 -p "$port" \
    >"$log_file" 2>&1 &
  echo $! >"$pid_file"
  echo "$port" >"$port_file"
  for _ in $(seq 1 100); do
    if curl -sf -o /dev/null "$(endpoint)/moto-api/"; then
      echo "moto started at $(endpoint) (pid $(cat "$pid_file")); log: $log_file" >&2
      echo "export AWS_ENDPOINT_URL=$(endpoint)"
      return 0
    fi
    if ! ours_running; then break; fi
    sleep 0.1
  done
  echo "moto did not start; its log:" >&2
  cat "$log_file" >&2
  stop >/dev/null 2>&1 || true
  exit 1
}

stop() {
  if ours_running; then
    kill "$(cat "$pid_file")"
    echo "moto stopped (pid $(cat "$pid_file"))" >&2
  else
    echo "no moto started by this script is running" >&2
  fi
  rm -f "$pid_file" "$port_file"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) if ours_running; then echo "running at $(endpoint) (pid $(cat "$pid_file"))"; else echo "not running"; fi ;;
  env) ours_running && echo "export AWS_ENDPOINT_URL=$(endpoint)" || { echo "not running" >&2; exit 1; } ;;
  *) echo "usage: $0 start [PORT] | stop | status | env" >&2; exit 2 ;;
esac
