def log = new File(basedir, 'build.log')
def text = log.getText('UTF-8')
def lines = text.readLines()
// 10.5 M guest lines: the log keeps 100 lines, a note and 100 lines of each stream
assert lines.count { it.startsWith('[INFO] [app.big:twenty_mib] x') } == 200
assert text.contains('[INFO] [app.big:twenty_mib] [wippy: 10,485,560 lines of stdout left out here of 10,485,760; the whole output: ')
assert lines.size() < 1500 : "build.log has ${lines.size()} lines"
assert log.length() < 200_000 : "build.log is ${log.length()} bytes"
assert text.contains('PASS app.big:twenty_mib')
assert text.contains('PASS app.big:last_line')
assert text.contains('[INFO] [app.big:last_line stderr] [wippy: 99,800 lines of stderr left out here of 100,000')

// the whole output, as it streamed, next to the reports
def reports = new File(basedir, 'target/wippy-reports')
def full = new File(reports, 'app.big_twenty_mib-output.txt')
assert full.length() == 20L * 1024 * 1024
def both = new File(reports, 'app.big_last_line-output.txt')
assert both.length() == 2L * 100_000 * 9

// the report keeps 256 KiB of each end, with the note
def reportFile = new File(reports, 'TEST-flood.xml')
assert reportFile.length() < 2_500_000 : "report is ${reportFile.length()} bytes"
// readable by others, like Surefire's reports and the output files
if (java.nio.file.FileSystems.default.supportedFileAttributeViews().contains('posix')) {
    [reportFile, full].each { f ->
        def perms = java.nio.file.Files.getPosixFilePermissions(f.toPath())
        assert perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ) : "${f.name}: ${perms}"
    }
}
def report = new groovy.xml.XmlSlurper().parse(reportFile)
assert report.@tests == '2'
assert report.@failures == '0'
def out = report.testcase.find { it.@name == 'twenty_mib' }.'system-out'.text()
assert out.contains('[wippy: 20,447,232 bytes left out here of 20,971,520 written; the whole output: ' + full.canonicalPath)
       || out.contains('[wippy: 20,447,232 bytes left out here of 20,971,520 written; the whole output: ' + full.absolutePath)
assert out.length() < 600_000
true
