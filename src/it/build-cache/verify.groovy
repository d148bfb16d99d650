def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] (?=Scanning for projects)/).findAll { it.contains('BUILD ') }
assert runs.size() == 5: "expected 5 invocations, got ${runs.size()}"
// the extension is really on, and saved the first build
assert runs[0].contains('Cache is INITIALIZED on project level')
assert runs[0].contains('BUILD SUCCESS')
assert !runs[0].contains('Found cached build'): 'the first build must not be a cache hit'
assert new File(basedir, 'build-cache-store').isDirectory()
// the second build is a cache hit, and the plugin's goals still run
assert runs[1].contains('Found cached build, restoring')
['validate', 'check', 'test'].each { g ->
    assert runs[1].contains("Mojo execution is forced by project property: wippy:${g}"): "wippy:${g} did not run"
    assert !runs[1].contains("Skipping plugin execution (cached): wippy:${g}")
}
assert runs[1].contains('Checked 1 WASM binary: all hashes match')
assert runs[1].contains('WASM tests run: 1, Failures: 0, Errors: 0')
assert runs[1].contains('BUILD SUCCESS')
// after one byte appended, the build is still a cache hit (nothing the extension hashes changed) but fails
[runs[3], runs[4]].each { run ->
    assert run.contains('Found cached build, restoring')
    assert run =~ /hash mismatch: expected sha256:[0-9a-f]{64}, got sha256:[0-9a-f]{64}/
    assert run.contains('BUILD FAILURE')
}
assert runs[3] =~ /ERROR app\.cached\.test:compute_is_42 .*hash mismatch/
assert runs[4] =~ /\[ERROR\] src\/main\/wippy\/_index\.yaml:\d+:\d+: app\.cached:compute: hash mismatch/
assert runs[4].contains('1 of 1 WASM binaries failed the check')
// configured as the README says: no warning
assert !log.contains('runs under the Maven Build Cache Extension')
true
