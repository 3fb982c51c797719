#!/usr/bin/env bash
# The "Scale" targets: `nianbao check --format json` over 10,000 generated reports (~80 MB).
#   wall time ≤ 1.5 s on a 2-core machine; peak RSS ≤ 3x the corpus size on disk;
#   and the ratio of wall time to `cat` of the same files.
# Usage: benches/scale.sh            (N=10000 SEED=1 DIR=/tmp/nianbao-scale-10000 RUNS=5)
# Needs hyperfine (apt-get install -y hyperfine) and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
DIR=${DIR:-/tmp/nianbao-scale-$N}
BIN=target/release/nianbao

cargo build --release --quiet
if [ ! -f "$DIR/manifest.json" ]; then
  "$BIN" gen-corpus "$DIR" --reports "$N" --seed "$SEED"
fi
FILES=$(find "$DIR" -maxdepth 1 -type f ! -name manifest.json | wc -l)
SIZE=$(find "$DIR" -maxdepth 1 -type f ! -name manifest.json -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "corpus: $DIR, $FILES files, $SIZE bytes"

CAT="find $DIR -maxdepth 1 -type f ! -name manifest.json -print0 | xargs -0 cat > /dev/null"
CHECK="$BIN check --format json --fail-on never $DIR > /dev/null"
JSON=$(mktemp)
hyperfine --warmup 1 --runs "$RUNS" --export-json "$JSON" "$CAT" "$CHECK"

/usr/bin/time -v "$BIN" check --format json --fail-on never "$DIR" > /dev/null 2> "$JSON.time"
RSS_KB=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$JSON.time")

python3 - "$JSON" "$SIZE" "$RSS_KB" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
size, rss = int(sys.argv[2]), int(sys.argv[3]) * 1024
cat, check = runs[0]["mean"], runs[1]["mean"]
print(f"check --format json: {check:.3f} s mean (target <= 1.5 s) {'OK' if check <= 1.5 else 'MISSED'}")
print(f"cat of the same files: {cat:.3f} s; ratio check/cat = {check / cat:.1f}x")
print(f"peak RSS: {rss / 1e6:.1f} MB = {rss / size:.2f}x corpus size {size / 1e6:.1f} MB "
      f"(target <= 3x) {'OK' if rss <= 3 * size else 'MISSED'}")
PY
rm -f "$JSON" "$JSON.time"
