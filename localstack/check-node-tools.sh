#!/usr/bin/env bash
# Proves the local loop's Node tools run (after `npm ci --prefix localstack`): Node 22, an ASL definition
# validated by asl-validator and executed by aws-local-stepfunctions.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$here/node_modules/.bin"
node="$bin/node"
[ -x "$node" ] || { echo "Node tools missing: run npm ci --prefix localstack" >&2; exit 1; }
major=$("$node" -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 22 ] || { echo "aws-local-stepfunctions needs Node >= 22, found $("$node" --version)" >&2; exit 1; }
definition=$(mktemp)
trap 'rm -f "$definition"' EXIT
cat >"$definition" <<'ASL'
{"StartAt": "Greet", "States": {"Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.name)"}, "End": true}}}
ASL
"$node" "$bin/asl-validator" --silent --json-path "$definition"
output=$(echo '{"name": "certfleet"}' | "$node" "$bin/local-sfn" -f "$definition")
case "$output" in
  *"hello certfleet"*) echo "node $("$node" --version), asl-validator and aws-local-stepfunctions work" ;;
  *) echo "aws-local-stepfunctions returned: $output" >&2; exit 1 ;;
esac
