def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def expected = ['[INFO] No commands found.', '[INFO] ', "[INFO] To define a command, add 'command' to entry meta:",
                '[INFO]   meta:', '[INFO]     command:', '[INFO]       name: test', '[INFO]       short: Run tests'].join('\n')
assert log.contains(expected)
assert !log.contains('BUILD FAILURE')
true
