#!/usr/bin/env bash
# The inspector's full load of a folder, measured as a person sees it: from launch (in a
# detached tmux pane, 200x40) until the status line no longer shows the load's progress
# (载入 n/N), polled every 0.1 s; then each thread's CPU time and the peak RSS.
# Usage: benches/inspector_load.sh DIR     (needs tmux; builds the release binary)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:?usage: benches/inspector_load.sh DIR}
cargo build --release --quiet
BIN=$PWD/target/release/nianbao
SOCK=nianbao-load-bench-$$
T="tmux -L $SOCK"
start=$(date +%s.%N)
$T new-session -d -x 200 -y 40 "USER=bench $BIN $DIR --no-overview"
pid=$($T list-panes -F '#{pane_pid}')
sleep 0.3
for _ in $(seq 1 1200); do
  $T capture-pane -p | tail -1 | grep -q "载入" || break
  sleep 0.1
done
end=$(date +%s.%N)
echo "fully loaded after $(echo "$end - $start" | bc) s"
for t in /proc/"$pid"/task/*; do
  echo "  thread $(cat "$t"/comm): $(awk '{print ($14 + $15) / 100}' "$t"/stat) s CPU"
done
grep VmHWM /proc/"$pid"/status
$T kill-server
for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "inspector still running (pid $pid)"; exit 1; fi
rm -f "$DIR/REVIEW.json.lock"
