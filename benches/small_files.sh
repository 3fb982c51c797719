#!/usr/bin/env bash
# The "100,000 small files" target: `check --format json` against `cat` over 100,000 files
# of about 1 KB (the first lines of generated reports of every layout, cut after the first
# line break past byte 900; a one-line HTML page stays whole).
# Usage: benches/small_files.sh     (N=100000 SEED=7 DIR=/tmp/nianbao-small-100000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
SEED=${SEED:-7}
DIR=${DIR:-/tmp/nianbao-small-$N}
BIN=target/release/nianbao
cargo build --release --quiet
if [ ! -d "$DIR" ]; then
  FULL=$(mktemp -d)
  "$BIN" gen-corpus "$FULL" --reports "$N" --seed "$SEED" > /dev/null
  mkdir -p "$DIR"
  python3 - "$FULL" "$DIR" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
for name in os.listdir(src):
    if name == "manifest.json":
        continue
    b = open(os.path.join(src, name), "rb").read()
    cut = b.find(b"\n", 900)
    open(os.path.join(dst, name), "wb").write(b if cut < 0 else b[: cut + 1])
PY
  rm -rf "$FULL"
fi
echo "corpus: $DIR, $(find "$DIR" -type f | wc -l) files, $(find "$DIR" -type f -printf '%s\n' | awk '{s+=$1} END {print s}') bytes"
# Once untimed, so that both timed runs read from the page cache.
find "$DIR" -type f -print0 | xargs -0 cat > /dev/null
/usr/bin/time -f "cat: %e s wall, %U s user + %S s sys" \
  sh -c "find '$DIR' -type f -print0 | xargs -0 cat > /dev/null"
/usr/bin/time -f "check: %e s wall, %U s user + %S s sys, %M KB peak RSS" \
  "$BIN" check --format json --fail-on never "$DIR" > /dev/null
