def log = new File(basedir, 'build.log').text
assert log.contains('failed to call wasm method: _start: execution timed out after 700 ms (limits.max_execution_ms)')
assert !log.contains('execution timed out after 300 ms')
assert log.contains('failed to call wasm method: run: execution timed out after 500 ms (limits.max_execution_ms)')
assert log.contains('command spin exited with code 1')
assert log.contains('command spin-unlimited exited with code 1: failed to call wasm method: _start: execution timed out'
        + ' after 1000 ms (wippy.timeout, the limit of a command whose entry sets no limits.max_execution_ms;'
        + ' change it with -Dwippy.timeout=<duration>, 0 for none)')
true
