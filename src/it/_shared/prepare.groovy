// Shared pre-build step of the integration tests (run by each IT's setup.groovy):
// copies the fixtures named in fixtures.txt into the IT's wasm/ directory, and replaces
// @sha256:<fixture>@ tokens in its manifests with the real hash of that fixture, so the ITs
// keep working when the fixtures are rebuilt.
import java.security.MessageDigest

def fixturesDir = new File(fixtures)
def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
// "components/<name>" names a component of fixtures/components/wasm, "wasi2/p1/<name>" and
// "wasi2/p2/<name>" a program of fixtures/wasi2/wasm (copied as wasm/<name>.wasm)
def fixture = { String name ->
    name.startsWith('components/') ? new File(fixturesDir.parentFile, 'components/wasm/' + name.substring(11) + '.wasm')
            : name.startsWith('wasi2/') ? new File(fixturesDir.parentFile, 'wasi2/wasm/' + name.substring(6) + '.wasm')
            : new File(fixturesDir, name + '.wasm')
}

def list = new File(basedir, 'fixtures.txt')
if (list.exists()) {
    def wasmDir = new File(basedir, 'wasm')
    wasmDir.mkdirs()
    list.readLines()*.trim().findAll { it && !it.startsWith('#') }.each { name ->
        def src = fixture(name)
        assert src.isFile(): "missing fixture ${src}"
        new File(wasmDir, src.name).bytes = src.bytes
    }
}
basedir.eachFileRecurse { f ->
    if (f.isFile() && f.name ==~ /.*\.(ya?ml|json)/) {
        def text = f.getText('UTF-8')
        def replaced = text.replaceAll(/@sha256:([A-Za-z0-9_\-\/]+)@/) { all, name ->
            'sha256:' + sha(fixture(name))
        }
        if (replaced != text) {
            f.setText(replaced, 'UTF-8')
        }
    }
}
true
