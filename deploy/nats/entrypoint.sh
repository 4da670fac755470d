#!/bin/sh
# Starts one cluster node with the passwords the init service wrote to /secrets (nats-<role>.password).
# Each value is exported in double quotes so nats-server reads it as a string whatever it looks like.
set -eu
for role in gateway worker platform operator; do
  file="/secrets/nats-${role}.password"
  [ -s "$file" ] || { echo "missing $file (the init service writes it)" >&2; exit 1; }
  var="NATS_$(echo "$role" | tr '[:lower:]' '[:upper:]')_PASSWORD"
  export "$var=\"$(tr -d '\r\n' < "$file")\""
done
exec nats-server -c /etc/nats/cluster.conf "$@"
