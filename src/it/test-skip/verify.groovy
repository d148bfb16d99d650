def log = new File(basedir, 'build.log').text
assert log.contains('Tests are skipped (skipTests=true)')
assert log.contains('Tests are skipped (skipITs=true)')
assert log.contains('Tests are skipped (wippy.test.skip=true)')
assert log.contains('Tests are skipped (maven.test.skip=true)')
assert !log.contains('BUILD FAILURE')
assert !log.contains('WASM tests run')
true
