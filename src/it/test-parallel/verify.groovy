// Six 1.5 s sleepers with six threads take about 1.5 s in all, not 9 s; with one thread, two take 3 s.
def log = new File(basedir, 'build.log').text
def elapsed = (log =~ /WASM tests run: (\d+), Failures: 0, Errors: 0, Skipped: 0, Time elapsed: ([0-9.]+) s/).collect { [it[1] as int, it[2] as double] }
assert elapsed.size() == 2
assert elapsed[0][0] == 6 && elapsed[0][1] < 5.0: "six parallel sleepers took ${elapsed[0][1]} s"
assert elapsed[1][0] == 2 && elapsed[1][1] >= 3.0: "two sequential sleepers took ${elapsed[1][1]} s"
assert log.contains('Running 6 WASM tests (6 at a time)')
true
