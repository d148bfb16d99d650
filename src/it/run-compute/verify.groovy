def log = new File(basedir, 'build.log').text
assert log.contains('Hello, Wasm!')
// a number result is the exit code: 42 accepted by successCodes
assert !log.contains('command compute exited with code 42')
assert log.contains('parameter 1: cannot convert "x" to s32')
assert log.contains('command compute exited with code 1')
true
