import java.security.MessageDigest
evaluate(new File(itShared, "prepare.groovy"))
// A manifest with comments, all three scalar styles, a flow mapping and CRLF line endings, whose
// hashes are stale. The expected result is the same bytes with only the hash values replaced.
def sha = { n -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(new File(basedir, "wasm/${n}.wasm").bytes).encodeHex() }
def stale = 'sha256:' + ('ab' * 32)
def template = '''# Demo manifest: keep this comment
namespace: app.hashes   # trailing comment
entries:
  - name: assets
    kind: fs.directory
    directory: ./wasm
  # the greeter, plain scalar
  - name: greet
    kind: process.wasm
    fs: app.hashes:assets
    path: /greeter.wasm
    hash: HASH_greeter   # stale on purpose
    method: _start
  - name: compute
    kind: process.wasm
    fs: app.hashes:assets
    path: compute.wasm
    hash: "HASH_compute"
    method: compute
  - {name: env, kind: process.wasm, fs: "app.hashes:assets", path: env_printer.wasm, hash: 'HASH_env_printer', method: _start}
'''.replace('\n', '\r\n')
def dir = new File(basedir, 'src/main/wippy')
dir.mkdirs()
// compute's hash is a placeholder, not even sha256:<hex>: validate refuses it, hash fills it in.
def original = template.replace('"HASH_compute"', '"TODO"').replaceAll(/HASH_[a-z_]+/, stale)
new File(dir, '_index.yaml').setText(original, 'UTF-8')
// A group-writable manifest (umask 002 teams): the rewrite must keep its mode.
java.nio.file.Files.setPosixFilePermissions(new File(dir, '_index.yaml').toPath(),
        java.nio.file.attribute.PosixFilePermissions.fromString('rw-rw-r--'))
def expected = template.replaceAll(/HASH_([a-z_]+)/) { all, n -> sha(n) }
new File(basedir, 'expected.yaml').setText(expected, 'UTF-8')
true
