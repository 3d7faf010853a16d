# Sourced by bin/* and .ci/run: finds a JDK 25 or newer and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME, then every JDK under /usr/lib/jvm, then `java` on PATH.
# No JDK 25 → one clear error line and a non-zero return.

sextant_java_major() {
  # Prints the feature version of the java binary $1 (e.g. 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

sextant_find_jdk25() {
  local cand major
  for cand in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$cand" ] && [ -x "$cand/bin/java" ] && [ -x "$cand/bin/javac" ] || continue
    major=$(sextant_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$cand"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: Sextant needs a JDK 25 or newer and found none (checked JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm/*, java on PATH). Install one (e.g. Temurin 25 from adoptium.net or your package manager) and set JAVA_HOME to it." >&2
  return 1
}
