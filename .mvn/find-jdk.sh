# Sourced by ./mvnw and ./hakmem: makes JAVA_HOME point at a JDK >= 25 when the current one is older.
# Maven itself must run on it, not only the compiler: the JDK jar tool that packages a modular jar has to read
# class files of version 69. It looks where JDKs are usually installed and changes nothing else.
hakmem_jdk_major() {
  [ -f "$1/release" ] || return 1
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}
hakmem_find_jdk() {
  hakmem_current=${JAVA_HOME:-}
  if [ -z "$hakmem_current" ] && command -v java >/dev/null 2>&1; then
    hakmem_current=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  hakmem_major=$(hakmem_jdk_major "$hakmem_current" 2>/dev/null)
  [ "${hakmem_major:-0}" -ge 25 ] 2>/dev/null && return 0
  for hakmem_candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    hakmem_major=$(hakmem_jdk_major "$hakmem_candidate" 2>/dev/null)
    if [ "${hakmem_major:-0}" -ge 25 ] 2>/dev/null && [ -x "$hakmem_candidate/bin/java" ]; then
      JAVA_HOME=$hakmem_candidate
      export JAVA_HOME
      return 0
    fi
  done
  echo "hakmem needs a JDK 25 or newer; none found in JAVA_HOME, on the PATH or under /usr/lib/jvm." >&2
  echo "Install one (for example Temurin 25) or set JAVA_HOME to it." >&2
  return 1
}
