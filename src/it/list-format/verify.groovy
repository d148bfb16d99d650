def log = new File(basedir, 'build.log').text.replace('\r\n', '\n')
def expected = ['[INFO] No commands found.', '[INFO] ', "[INFO] To define a command, add 'command' to entry meta:",
                '[INFO]   meta:', '[INFO]     command:', '[INFO]       name: test', '[INFO]       short: Run tests'].join('\n')
assert log.contains(expected)
assert !log.contains('BUILD FAILURE')
// under -q: the same answer, as plain lines on stdout, twice (wippy:list, wippy:run -Dcommand=list)
def quiet = ['No commands found.', '', "To define a command, add 'command' to entry meta:", '  meta:', '    command:',
             '      name: test', '      short: Run tests'].join('\n')
assert log.count('\n' + quiet + '\n') == 2: "the -q runs did not print the list"
true
