// The section that runs past the end of the truncated file, found independently of the plugin:
// walk the section headers (id byte, LEB128 size) until one ends beyond the file.
def bytes = new File(basedir, 'wasm/compute.wasm').bytes
int pos = 8
Integer sizeAt = null
long declared = 0
long left = 0
while (pos < bytes.length) {
    int id = bytes[pos++] & 0xff
    int at = pos
    long size = 0
    int shift = 0
    while (true) {
        int b = bytes[pos++] & 0xff
        size |= ((long) (b & 0x7f)) << shift
        shift += 7
        if ((b & 0x80) == 0) break
    }
    if (pos + size > bytes.length) {
        sizeAt = at
        assert id == 10: "the setup cut the file inside section ${id}, not the code section"
        declared = size
        left = bytes.length - pos
        break
    }
    pos += size
}
assert sizeAt != null: 'the setup did not cut the file inside a section'
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
def expected = "app.cut:compute: wasm/compute.wasm: invalid WebAssembly module at offset 0x${Integer.toHexString(sizeAt)}:" +
        " code section size ${declared} exceeds the file (${left} bytes left)"
assert log.contains("src/main/wippy/_index.yaml:8:5: ${expected}"): "expected in the log: ${expected}"
assert log.contains('1 of 1 WASM binaries failed the check')
assert log.contains('A binary that is not valid WebAssembly cannot run: build it again')
assert !log.contains('hash mismatch')
true
