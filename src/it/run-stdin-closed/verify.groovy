// Maven started with fd 0 closed: the JVM puts its own lib/modules (128 MB) on fd 0. The guest must
// read end of input, not that file (issue 7).
if (!new File('/proc/self/fd').isDirectory() || !new File('/bin/bash').canExecute()) {
    println 'run-stdin-closed: needs Linux and bash; skipped'
    return true
}
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def settings = new File(basedir, '../interpolated-settings.xml')
def args = [mvn, '-B', '-o', "-Dmaven.repo.local=${localRepositoryPath}", 'wippy:run', '-Dcommand=count', '-X']
if (settings.isFile()) {
    args += ['-s', settings.absolutePath]
}
def out = new File(basedir, 'stdin-closed.log')
def script = 'exec <&-; exec "$@" >"$LOG" 2>&1'
def pb = new ProcessBuilder((['/bin/bash', '-c', script, 'bash'] + args).collect { it.toString() }).directory(basedir)
pb.environment().put('LOG', out.absolutePath)
pb.environment().put('JAVA_HOME', System.getProperty('java.home'))
def p = pb.start()
assert p.waitFor(240, java.util.concurrent.TimeUnit.SECONDS) : 'the nested Maven build did not end'
def log = out.getText('UTF-8')
def shown = log.readLines().findAll { !it.startsWith('[DEBUG]') || it.contains('stdin') }.join('\n')
assert p.exitValue() == 0 : shown
assert log.readLines().contains('read 0 bytes') : shown
assert log.contains('stdin reads as empty: fd 0 is ') : shown
assert !(log =~ /read [1-9][0-9]* bytes/)
true
