// A host interface in a jar on the plugin's <dependencies> serves the component's import.
def log = new File(basedir, 'build.log').text
assert !log.contains('unresolved host import')
assert log.contains('PASS app.host.test:host_add')
true
