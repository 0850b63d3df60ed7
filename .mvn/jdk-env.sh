# Sourced by ./certfleet, .ci/run and infra-cdk/cdk-app: exports JAVA_HOME (and PATH) for a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21, then `java` on PATH, then the newest JDK >= 21 under /usr/lib/jvm
# or /Library/Java/JavaVirtualMachines. Prints one line and returns 1 when none is found.

certfleet_java_major() { # $1 = path to a java binary; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

certfleet_select_jdk() {
  local min=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(certfleet_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    major=$(certfleet_java_major "$(command -v java)")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")"); export JAVA_HOME; return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(certfleet_java_major "$candidate")
    if [ "${major:-0}" -ge "$min" ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "certfleet: no JDK >= $min found (checked \$JAVA_HOME, java on PATH, /usr/lib/jvm); install one and set JAVA_HOME" >&2
    return 1
  fi
  JAVA_HOME=$(dirname "$(dirname "$best")"); export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
