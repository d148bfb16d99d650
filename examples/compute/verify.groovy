def log = new File(basedir, 'build.log').text
assert log.contains('WASM tests run: 5, Failures: 0, Errors: 0')
def suite = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/wippy-reports/TEST-compute.xml'))
assert suite.@tests.text() == '4'
assert suite.@failures.text() == '0'
true
