// Components run like core modules: as tests (EXIT values, records by field, traps of unresolved
// imports), as commands printing their string result, and printing a record as one line of JSON.
def log = new File(basedir, 'build.log').text
assert log.contains('PASS app.cm.test:compute_is_42')
assert log.contains('PASS app.cm.test:record_round_trip')
assert log.contains('PASS app.cm.test:unresolved_import_traps')
assert log.contains('WASM tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('Hello, World!')
assert log.contains('{"x":1,"y":-2}')
def report = new File(basedir, 'target/wippy-reports/TEST-components.xml')
assert report.isFile()
// mvn wippy:list -Dwippy.verbose: each command with its WIT signature
assert log.contains('      greet(name: string) -> string')
assert log.contains('      test:types/compound@0.1.0#echo-point(p: record { x: s32, y: s32 }) -> record { x: s32, y: s32 }')
true
