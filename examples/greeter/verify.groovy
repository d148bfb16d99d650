def log = new File(basedir, 'build.log').text
assert log.contains('PASS demo.cli.test:greets_the_world')
assert new File(basedir, 'target/wippy-reports/TEST-greeter.xml').isFile()
true
