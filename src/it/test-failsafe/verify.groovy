def log = new File(basedir, 'build.log').text
// one invocation's part of the log: from its first line to its BUILD SUCCESS/FAILURE
def runs = log.split(/(?m)^\[INFO\] (?=Scanning for projects)/).findAll { it.contains('BUILD ') }
assert runs.size() == 5: "expected 5 invocations, got ${runs.size()}"

def first = runs[0]
def tests = first.indexOf('wippy-maven-plugin:' ) >= 0 ? first.indexOf(':integration-test (default) @') : -1
def recorded = first.indexOf('There are WASM test failures (1 failed, 1 errors); wippy:verify fails the build on them')
def teardown = first.indexOf(':list (teardown) @')
def verify = first.indexOf(':verify (default) @')
assert tests >= 0 && recorded > tests && teardown > recorded && verify > teardown: "order: ${[tests, recorded, teardown, verify]}"
assert first.contains('WASM tests run: 6, Failures: 1, Errors: 1, Skipped: 0')
assert first =~ /Failed to execute goal ai\.wippy:wippy-maven-plugin:[^:]+:verify \(default\) on project test-failsafe: There are WASM test failures \(1 failed, 1 errors\); see .*wippy-reports/
assert first.contains('BUILD FAILURE')

assert runs[1].contains('There are WASM test failures (1 failed, 1 errors); see')
assert runs[1].contains('(ignored: maven.test.failure.ignore=true)')
assert runs[1].contains('BUILD SUCCESS')

assert runs[2] =~ /Failed to execute goal ai\.wippy:wippy-maven-plugin:[^:]+:test \(default-cli\) on project test-failsafe: There are WASM test failures/

def none = runs[3]
assert none.indexOf(':list (teardown) @') < none.indexOf('Failed to execute goal')
assert none =~ /:verify \(default\) on project test-failsafe: No WASM tests match wippy.test=nothing-matches/

assert runs[4].contains('WASM tests: 1 run, no failures (wippy-summary.xml)')
assert runs[4].contains('BUILD SUCCESS')

// the summary is Failsafe's format
def summary = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/wippy-reports/wippy-summary.xml'))
assert summary.name() == 'failsafe-summary'
assert summary.completed.text() == '1'
assert summary.failures.text() == '0'
true
