#!/usr/bin/env bash
# Usage: build-runtime.sh APP_JAR OUTPUT_DIR
# Writes to OUTPUT_DIR a Java runtime (jlink) holding only the modules APP_JAR uses, as jdeps
# reports them, plus the modules the JDK loads by service lookup or reflection, which jdeps
# cannot see. Runs in the Dockerfile's JDK stage.
#
# jdeps reads the jar as a class path only because the shaded jar carries no module-info.class
# (server/pom.xml filters them out); with one, it would read the whole jar as that module.
set -euo pipefail

app_jar=$1
output=$2

# Found only at run time: EC key exchange for TLS (a security provider), and the
# com.sun.management beans that Micrometer's JVM metrics reach reflectively.
runtime_only_modules=jdk.crypto.ec,jdk.management

modules=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 "$app_jar")
echo "build-runtime: jdeps found $modules; adding $runtime_only_modules"

# --strip-java-debug-attributes rather than --strip-debug: Debian's native libraries are already
# stripped, and its jlink would call objcopy, which the JDK image does not carry, to do it again.
jlink --add-modules "$modules,$runtime_only_modules" \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=2 \
      --generate-cds-archive \
      --output "$output"
