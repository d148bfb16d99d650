def log = new File(basedir, 'build.log').text
assert log.contains('failed to call wasm method: _start: execution timed out after 700 ms (limits.max_execution_ms)')
assert log.contains('failed to call wasm method: run: execution timed out after 500 ms (limits.max_execution_ms)')
assert log.contains('command spin exited with code 1')
true
