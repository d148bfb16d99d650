evaluate(new File(itShared, "prepare.groovy"))
// Cut the binary in the middle of its code section (an interrupted copy), then record the hash of
// what is left: the hash check passes, so only check's decoding can fail the build.
import java.security.MessageDigest
def wasm = new File(basedir, 'wasm/compute.wasm')
def bytes = wasm.bytes
int pos = 8
Integer cut = null
while (pos < bytes.length && cut == null) {
    int id = bytes[pos++] & 0xff
    long size = 0
    int shift = 0
    while (true) {
        int b = bytes[pos++] & 0xff
        size |= ((long) (b & 0x7f)) << shift
        shift += 7
        if ((b & 0x80) == 0) break
    }
    if (id == 10) {
        cut = pos + (int) (size / 2)
    }
    pos += size
}
assert cut != null: 'compute.wasm has no code section'
wasm.bytes = java.util.Arrays.copyOf(bytes, cut)
def hash = MessageDigest.getInstance('SHA-256').digest(wasm.bytes).encodeHex().toString()
def manifest = new File(basedir, 'src/main/wippy/_index.yaml')
manifest.text = manifest.text.replace('@sha256-of-the-truncated-file@', 'sha256:' + hash)
true
