// Six 1.5 s sleepers on six threads overlap: one after the other they would take at least 9 s, so a run
// under 7.5 s had at least two of them asleep at once, however long loading and compiling the module
// took on a busy machine (a comparison with the sequential run was flaky: only the first run compiles).
def log = new File(basedir, 'build.log').text
def runs = (log =~ /WASM tests run: (\d+), Failures: 0, Errors: 0, Skipped: 0, Time elapsed: ([0-9.]+) s/).collect { [it[1] as int, it[2] as double] }
assert runs.size() == 2
def (parallel, sequential) = runs
assert parallel[0] == 6 && sequential[0] == 2
assert sequential[1] >= 3.0: "two sequential 1.5 s sleepers took only ${sequential[1]} s"
assert parallel[1] < 7.5: "six parallel 1.5 s sleepers took ${parallel[1]} s: they did not overlap"
assert log.contains('Running 6 WASM tests (6 at a time)')
assert log.contains('Running 2 WASM tests (1 at a time)')
true
