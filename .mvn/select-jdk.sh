# Sourced by ./mvnw, ./parallax and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest JDK >= 21 under /usr/lib/jvm (Temurin first).
# shellcheck shell=sh
parallax_jdk_major() {
  # Prints the feature version of the JDK at $1, or nothing.
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
  fi
}
parallax_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v=$(parallax_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  best= bestv=0
  for j in /usr/lib/jvm/temurin-* /usr/lib/jvm/*; do
    [ -x "$j/bin/javac" ] || continue
    v=$(parallax_jdk_major "$j")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$j bestv=$v; fi
  done
  if [ -z "$best" ]; then
    echo "parallax: needs a JDK 21 or newer; none found (JAVA_HOME=${JAVA_HOME:-unset}, nothing >= 21 under /usr/lib/jvm). Install one, e.g. Temurin 21, and set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}
parallax_select_jdk || exit 1
# Maven's bundled Guice touches sun.misc.Unsafe, which JDK 24+ warns about on every build; JDKs before 23 reject the
# option that silences it, so it is set only where it exists.
if [ "$(parallax_jdk_major "$JAVA_HOME")" -ge 23 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in
    *sun-misc-unsafe*) ;;
    *) MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"; export MAVEN_OPTS ;;
  esac
fi
