def log = new File(basedir, 'build.log').text
assert log.contains('PASS demo.files.test:summarizes_every_file')
assert new File(basedir, 'target/summary/summary.txt').text == 'a.txt: 2 4 19\nb.txt: 1 2 12\n'
true
