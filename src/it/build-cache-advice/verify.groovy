// The extension is on and nothing makes the plugin's goals always run: the (uncached) first build says so,
// once per goal, with the fix.
def log = new File(basedir, 'build.log').text
assert log.contains('Cache is INITIALIZED on project level')
assert !log.contains('Found cached build')
['validate', 'check'].each { g ->
    def warning = "[WARNING] wippy:${g} runs under the Maven Build Cache Extension, which does not hash WASM binaries" +
            " or manifests: a build restored from the cache would skip wippy:${g} even after a binary or a manifest changed."
    assert log.count(warning) == 1: "no warning for wippy:${g}"
}
assert log.contains('<plugin artifactId="wippy-maven-plugin"/>')
assert log.contains('BUILD SUCCESS')
true
