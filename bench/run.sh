#!/usr/bin/env bash
# Builds the runtime and runs the benchmarks. Usage: bench/run.sh [hash|engine|spawn|sleep|command|component|calc|all]
# (default all). JAVA=/path/to/java picks the JDK (default: java on PATH).
# Each benchmark prints its figures with a reference measured in the same run; copy them into
# bench/RESULTS.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl bench -am package -DskipTests -Dinvoker.skip
CP="bench/target/classes:runtime/target/classes:$(./mvnw -B -ntp -q -pl runtime dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)"
what="${1:-all}"
java_opts="-Xmx6g -Xss16m"
java() { command "${JAVA:-java}" "$@"; }
if [[ $what == hash || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.HashBench; fi
if [[ $what == engine || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.EngineBench fixtures/wasm/kernel.wasm fixtures/wasm/huge_loop.wasm; fi
if [[ $what == spawn || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.SpawnBench bench/project; fi
if [[ $what == sleep || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.ComponentSleepBench bench/project; fi
if [[ $what == command || $what == all ]]; then java $java_opts -cp "$CP" ai.wippy.bench.CommandBench fixtures/wasi2/wasm; fi
if [[ $what == component || $what == all ]]; then
  # the jco side: the pinned jco of bench/node/package.json
  [[ -d bench/node/node_modules ]] || (cd bench/node && npm ci --no-audit --no-fund >&2)
  java $java_opts -cp "$CP" ai.wippy.bench.ComponentBench fixtures/components/wasm fixtures/wasm bench/node
fi
if [[ $what == calc || $what == all ]]; then
  # The first and the second `mvn wippy:run` of calc-js.wasm (11 MB, componentize-js) with an empty
  # compiled-code cache, against the same runs of greeter.wasm (14 KB): the difference is what loading
  # (and the first time compiling) the big component costs, Maven's own start-up taken out.
  ./mvnw -B -ntp -q install -DskipTests -Dinvoker.skip
  cache="$(mktemp -d)"
  trap 'rm -rf "$cache"' EXIT
  run() { # command args...
    local start end
    start=$(date +%s%N)
    ./mvnw -B -ntp -q -f bench/calc-project/pom.xml wippy:run -Dcommand="$1" -Dwippy.args="$2" \
      -Dwippy.successCodes="$3" -Dwippy.cacheDirectory="$cache" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
  }
  for round in 1 2 3; do
    rm -rf "${cache:?}"/*
    g1=$(run greet World 0); c1=$(run add "2 3" 5)
    g2=$(run greet World 0); c2=$(run add "2 3" 5)
    echo "calc round $round: greeter ${g1}/${g2} ms, calc-js first ${c1} ms (+$((c1 - g1))), second ${c2} ms (+$((c2 - g2))) [first/second mvn wippy:run]"
  done
fi
