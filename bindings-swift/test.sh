#!/usr/bin/env bash
# Builds the uniffi library, checks the committed Swift/Kotlin sources are fresh, then compiles
# the committed Kotlin with a test program and runs it on the JVM against the real cdylib.
# Run from anywhere: bash bindings-swift/test.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
KOTLIN_VERSION=2.4.20
TOOLS="$REPO/.tools/kotlin"
JNA_JAR=/usr/share/java/jna.jar
BUILD="$HERE/build"
START=$SECONDS

step() { echo "== $* ($((SECONDS - START)) s)"; }

# 1. JNA from Debian (the JVM side of uniffi's Kotlin)
if [ ! -f "$JNA_JAR" ]; then
    step "installing libjna-java"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q libjna-java >/dev/null 2>&1 || {
        apt-get update -q >/dev/null
        apt-get install -y -q libjna-java >/dev/null
    }
fi

# 2. the Kotlin compiler, from its npm package, into the repo's ignored tools folder
KOTLIN_HOME="$TOOLS/node_modules/kotlin-compiler"
if [ ! -x "$KOTLIN_HOME/bin/kotlinc-jvm" ]; then
    step "installing kotlin-compiler@$KOTLIN_VERSION"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error "kotlin-compiler@$KOTLIN_VERSION" >/dev/null
fi
KOTLINC="$KOTLIN_HOME/bin/kotlinc-jvm"
STDLIB="$KOTLIN_HOME/lib/kotlin-stdlib.jar"
[ -f "$STDLIB" ] || { echo "kotlin-stdlib.jar not found under $KOTLIN_HOME/lib" >&2; exit 1; }

# 3. Rust: unit tests, and the generated Swift/Kotlin must match the committed copies.
#    This also builds target/debug/deps/libar_core_ffi.so (the cdylib the JVM loads).
step "cargo test -p ar-core-uniffi"
cd "$REPO"
cargo test -p ar-core-uniffi
LIB_DIR="${CARGO_TARGET_DIR:-$REPO/target}/debug/deps"
[ -f "$LIB_DIR/libar_core_ffi.so" ] || { echo "libar_core_ffi.so not found in $LIB_DIR" >&2; exit 1; }

# 4. compile the committed generated Kotlin + the test program and quickstarts, then run them
mkdir -p "$BUILD"
JAR="$BUILD/ar-core-kotlin-tests.jar"
KT_SOURCES=("$HERE"/generated/kotlin/arcore/*.kt "$HERE"/kotlin-tests/*.kt "$HERE"/examples/*.kt)
# kotlinc takes over a minute: reuse the jar while no Kotlin source is newer than it
if [ ! -f "$JAR" ] || [ -n "$(find "${KT_SOURCES[@]}" -newer "$JAR")" ]; then
    step "kotlinc-jvm"
    rm -f "$JAR"
    "$KOTLINC" -nowarn -cp "$JNA_JAR" "${KT_SOURCES[@]}" -d "$JAR"
else
    step "kotlinc-jvm: $JAR is up to date"
fi
CP="$JAR:$JNA_JAR:$STDLIB"
JAVA=(java -Djna.library.path="$LIB_DIR" -cp "$CP")

step "Kotlin quickstart"
"${JAVA[@]}" QuickstartKt

# an example must print exactly what the comments after its println calls say
check_example() { # <main class> <file under examples/>
    local out want
    out="$("${JAVA[@]}" "$1")"
    echo "$out"
    want="$(sed -n 's|^.*println(.*)[ }]*// ||p' "$HERE/examples/$2")"
    if [ "$out" != "$want" ]; then
        echo "examples/$2 printed something other than its comments say:" >&2
        diff <(echo "$want") <(echo "$out") >&2 || true
        exit 1
    fi
}
step "Kotlin ledger quickstart"
check_example quickstart.ledger.LedgerQuickstartKt LedgerQuickstart.kt
step "Kotlin late-payment example"
check_example quickstart.latepayment.LatePaymentKt LatePayment.kt

step "Kotlin tests"
"${JAVA[@]}" MainKt "$REPO/fixtures"
step "done"
