def log = new File(basedir, 'build.log').text
// a line per test as it finishes
assert log.contains('PASS app.t.test:value_ok')
assert log =~ /FAIL app\.t\.test:value_wrong \([0-9.]+ s\): expected value 41, got 42/
assert log.contains('PASS app.t.test:error_expected')
assert log =~ /ERROR app\.t\.test:times_out \([0-9.]+ s\): (failed to call wasm method: _start: )?execution timed out after 500 ms \(timeout_ms of test app\.t\.test:times_out\)/
assert log.contains('PASS app.t.test:stdout_exact')
assert log.contains('PASS app.t.test:exit_code_three')
assert log.contains('WASM tests run: 6, Failures: 1, Errors: 1, Skipped: 0')
assert log.contains('There are WASM test failures (1 failed, 1 errors)')

def wasm = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/wippy-reports/TEST-wasm.xml'))
assert wasm.name() == 'testsuite'
assert wasm.@name == 'wasm'
assert wasm.@tests == '4'
assert wasm.@failures == '1'
assert wasm.@errors == '1'
def wrong = wasm.testcase.find { it.@name == 'value_wrong' }
// suite and classname agree, so report tools show one class per suite
assert wrong.@classname == 'wasm'
assert wasm.testcase.every { it.@classname == 'wasm' }
assert wasm.@timestamp.text() == ''
assert wrong.failure.@message == 'expected value 41, got 42'
def timeout = wasm.testcase.find { it.@name == 'times_out' }
assert timeout.error.@message.text().contains('timed out after 500 ms (timeout_ms of test app.t.test:times_out)')
def output = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/wippy-reports/TEST-output.xml'))
assert output.@tests == '2'
assert output.@failures == '0'
assert output.testcase.find { it.@name == 'stdout_exact' }.'system-out'.text() == 'Hello, Tests!\n'
// maven.test.failure.ignore: the same failures are reported, the build passes
assert log.contains('(ignored: maven.test.failure.ignore=true)')
assert log.contains('BUILD SUCCESS')
true
