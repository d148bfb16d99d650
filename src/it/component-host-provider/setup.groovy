// the fixtures go to the app module
def app = new File(basedir, 'app')
def binding = new Binding([basedir: app, fixtures: fixtures, itShared: itShared])
new File(basedir, 'fixtures.txt').renameTo(new File(app, 'fixtures.txt'))
new GroovyShell(binding).evaluate(new File(itShared, "prepare.groovy"))
true
