def log = new File(basedir, 'build.log').text
assert log.contains('WASM tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('PASS app.t.test:value_ok')
assert log.contains('PASS app.t.test:stdout_exact')
assert !log.contains('app.t.test:exit_code_three')
assert !log.contains('app.t.test:value_wrong')
assert log.contains('No WASM tests match wippy.test=nothing-matches')
assert log.contains('; wippy.test.failIfNoTests=true')
true
