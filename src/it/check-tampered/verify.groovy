import java.security.MessageDigest
def log = new File(basedir, 'build.log').text
def wasm = new File(basedir, 'wasm/greeter.wasm')
def actual = MessageDigest.getInstance('SHA-256').digest(wasm.bytes).encodeHex().toString()
def manifest = new File(basedir, 'src/main/wippy/_index.yaml').text
def declared = (manifest =~ /hash: (sha256:[0-9a-f]{64})/)[0][1]
assert log.contains('BUILD FAILURE')
assert log.contains("src/main/wippy/_index.yaml:6:")
assert log.contains("app.tamper:greet: hash mismatch: expected ${declared}, got sha256:${actual}")
assert log.contains('1 of 1 WASM binaries failed the check')
assert log.contains('mvn wippy:hash -Dwippy.hash.write=true')
true
