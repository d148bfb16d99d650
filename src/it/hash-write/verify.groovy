def actual = new File(basedir, 'src/main/wippy/_index.yaml').bytes
def expected = new File(basedir, 'expected.yaml').bytes
assert actual == expected: "rewritten manifest differs:\n" + new String(actual, 'UTF-8')
def mode = java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(new File(basedir, 'src/main/wippy/_index.yaml').toPath()))
assert mode == 'rw-rw-r--': "the rewrite changed the manifest's mode to ${mode}"
def log = new File(basedir, 'build.log').text
assert log.contains('Updated 3 hash(es) in src/main/wippy/_index.yaml')
assert log.contains('STALE')
// -q: the table is the answer and is still printed, as plain lines
assert log =~ /(?m)^ENTRY +PATH +DECLARED +ACTUAL$/
assert log =~ /(?m)^app\.hashes:greet +wasm\/greeter\.wasm +sha256:[0-9a-f]{64} +sha256:[0-9a-f]{64} +ok$/
assert log.contains('Checked 3 WASM binaries: all hashes match')
true
