#!/usr/bin/env bash
# perf.sh MODULE_DIR PATTERN... (RUNS=N in the environment, default 5)
#
# Prints the whole-process wall time and peak memory (median of RUNS runs,
# RUNS) of httpvet, of the floor (the same driver and fact loading with
# an analyzer that does nothing), of go vet, and of the peers bodyclose and
# noctx (pinned versions, installed from the Go module proxy; noctx runs only
# as go vet's tool, so it is measured under go vet), with ratios to the floor. Run from anywhere; builds into a temporary directory.
set -euo pipefail
dir=$(cd "$1" && pwd); runs=${RUNS:-5}; shift; patterns=("$@")
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(mktemp -d); trap 'rm -rf "$bin"' EXIT
BODYCLOSE=github.com/timakin/bodyclose@v0.0.0-20260723120731-857993a2939c
NOCTX=github.com/sonatard/noctx/cmd/noctx@v0.5.1

(cd "$root" && go build -o "$bin/httpvet" ./cmd/httpvet && go build -o "$bin/floor" ./internal/cmd/floor)
GOBIN=$bin go install "$BODYCLOSE" >/dev/null 2>&1
GOBIN=$bin go install "$NOCTX" >/dev/null 2>&1

# measure NAME CMD...: median wall seconds and peak KiB over $runs runs.
measure() {
	local name=$1; shift
	local times=() mems=()
	"$@" >/dev/null 2>&1 || true # warm the build cache
	for _ in $(seq "$runs"); do
		local line
		/usr/bin/time -o "$bin/time.out" -f '%e %M' "$@" >/dev/null 2>&1 || true
		line=$(tail -n 1 "$bin/time.out")
		times+=("${line% *}"); mems+=("${line#* }")
	done
	local t m
	t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
	m=$(printf '%s\n' "${mems[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
	echo "$name $t $m"
}

cd "$dir"
results=$(
	measure httpvet "$bin/httpvet" "${patterns[@]}"
	measure floor "$bin/floor" "${patterns[@]}"
	measure "go-vet" go vet "${patterns[@]}"
	measure bodyclose "$bin/bodyclose" "${patterns[@]}"
	measure noctx go vet -vettool="$bin/noctx" "${patterns[@]}"
)
floor_t=$(echo "$results" | awk '$1=="floor"{print $2}')
floor_m=$(echo "$results" | awk '$1=="floor"{print $3}')
echo "| tool | wall time (s) | × floor | peak memory (MiB) | × floor |"
echo "|---|---|---|---|---|"
echo "$results" | awk -v ft="$floor_t" -v fm="$floor_m" '{ printf "| %s | %.2f | %.2f | %.0f | %.2f |\n", $1, $2, $2/ft, $3/1024, $3/fm }'
bc_t=$(echo "$results" | awk '$1=="bodyclose"{print $2}'); nc_t=$(echo "$results" | awk '$1=="noctx"{print $2}')
echo
echo "bodyclose then noctx: $(awk -v a="$bc_t" -v b="$nc_t" 'BEGIN{printf "%.2f", a+b}') s"
