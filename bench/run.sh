#!/usr/bin/env bash
# Builds the runtime and runs the benchmarks. Usage: bench/run.sh [hash|engine|spawn|component|all] (default all).
# Each benchmark prints its figures with a reference measured in the same run; copy them into
# bench/RESULTS.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl bench -am package -DskipTests -Dinvoker.skip
CP="bench/target/classes:runtime/target/classes:$(./mvnw -B -ntp -q -pl runtime dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)"
what="${1:-all}"
java_opts="-Xmx6g -Xss16m"
if [[ $what == hash || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.HashBench; fi
if [[ $what == engine || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.EngineBench fixtures/wasm/kernel.wasm fixtures/wasm/huge_loop.wasm; fi
if [[ $what == spawn || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.SpawnBench bench/project; fi
if [[ $what == component || $what == all ]]; then
  # the jco side: the pinned jco of bench/node/package.json
  [[ -d bench/node/node_modules ]] || (cd bench/node && npm ci --no-audit --no-fund >&2)
  java $java_opts -cp "$CP" ai.wippy.bench.ComponentBench fixtures/components/wasm fixtures/wasm bench/node
fi
