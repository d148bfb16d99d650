def log = new File(basedir, 'build.log').text
assert log.contains('Skipping wippy:validate (wippy.skip=true)')
assert log.contains('Skipping wippy:check (wippy.skip=true)')
assert log.contains('Skipping wippy:validate (wippy.validate.skip=true)')
assert log.contains('Skipping wippy:check (wippy.check.skip=true)')
assert !log.contains('BUILD FAILURE')
true
