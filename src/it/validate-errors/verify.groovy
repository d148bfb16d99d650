// Every problem of every file in one report, each with file:line:column and the entry ID.
def log = new File(basedir, 'build.log').text
[
  'src/main/wippy/a.yaml:3:5: bad.one:worker: fs is required',
  'src/main/wippy/a.yaml:9:7: bad.one:worker: wasi.cwd must be absolute',
  'src/main/wippy/a.yaml:11:11: bad.one:worker: wasi mount filesystem not found: bad.one:nowhere',
  'src/main/wippy/a.yaml:12:11: bad.one:worker: wasi.mounts[].guest must be absolute',
  'src/main/wippy/a.yaml:13:5: entry[1].name: name is required and must be a non-empty string',
  'src/main/wippy/b.yaml:12:22: bad.two:limited: unsupported wasm host import: wasi:nope',
  'src/main/wippy/b.yaml:14:7: bad.two:limited: limits.max_execution_ms cannot be negative',
  'src/main/wippy/b.yaml:15:5: bad.two:limited: invalid transport type',
  'src/main/wippy/b.yaml:16:5: bad.two:worker2: hash is required',
  'src/main/wippy/b.yaml:18:5: bad.two:worker2: filesystem not found: bad.two:missing',
  // malformed hashes are manifest problems: validate reports them, not only check
  'src/main/wippy/c.yaml:10:5: bad.three:unprefixed: invalid hash format: deadbeef (a hash is sha256:<64 lowercase hex digits>',
  'src/main/wippy/c.yaml:16:5: bad.three:md5: unsupported hash algorithm: md5 (only sha256 is supported',
].each { assert log.contains("[ERROR] ${it}"): "missing: ${it}" }
assert log.contains('12 problems in Wippy manifests:')
assert log.contains('BUILD FAILURE')
// a user mistake is reported without a stack trace
assert !log.contains('\tat ai.wippy')
true
