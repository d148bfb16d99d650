// Six 1.5 s sleepers on six threads overlap: they finish sooner than two sleepers run one after the
// other (each run also pays the same one-time cost of loading the module, so compare the runs).
def log = new File(basedir, 'build.log').text
def runs = (log =~ /WASM tests run: (\d+), Failures: 0, Errors: 0, Skipped: 0, Time elapsed: ([0-9.]+) s/).collect { [it[1] as int, it[2] as double] }
assert runs.size() == 2
def (parallel, sequential) = runs
assert parallel[0] == 6 && sequential[0] == 2
assert sequential[1] >= 3.0: "two sequential 1.5 s sleepers took only ${sequential[1]} s"
assert parallel[1] < sequential[1]: "six parallel sleepers (${parallel[1]} s) were not faster than two sequential ones (${sequential[1]} s)"
assert log.contains('Running 6 WASM tests (6 at a time)')
assert log.contains('Running 2 WASM tests (1 at a time)')
true
