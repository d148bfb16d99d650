evaluate(new File(itShared, "prepare.groovy"))
// Tamper with the binary after its hash was recorded: one byte appended.
def wasm = new File(basedir, 'wasm/greeter.wasm')
wasm.append(new byte[] {0})
true
