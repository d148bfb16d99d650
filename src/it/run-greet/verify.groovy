def log = new File(basedir, 'build.log').text
assert log.contains('Hello, Maven!')
assert log.contains('Hello, World!')
assert log.contains('Hello, Entry!')
assert !log.contains('BUILD FAILURE')
true
