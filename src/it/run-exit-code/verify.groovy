def log = new File(basedir, 'build.log').text
assert log.contains('command exit exited with code 3')
true
