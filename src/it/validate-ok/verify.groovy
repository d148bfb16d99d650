def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log =~ /Validated \d+ Wippy entries \(3 WASM\) in 2 manifest file\(s\)/
assert log.contains('Checked 3 WASM binaries: all hashes match')
// list: Wippy's format, commands sorted by name
def expected = ['[INFO] Available commands:', '[INFO] ',
                '[INFO]   env  Print the environment  (app.demo:env)',
                '[INFO]   greet  Greet someone via WASM  (app.demo:greet)', '[INFO] ',
                '[INFO] Run with: mvn wippy:run -Dcommand=<command>'].join('\n')
assert log.replace('\r\n', '\n').contains(expected)
true
