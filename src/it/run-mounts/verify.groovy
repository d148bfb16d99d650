def log = new File(basedir, 'build.log').text
assert log.contains('a.txt: 2 4 19')
assert log.contains('b.txt: 1 2 12')
def summary = new File(basedir, 'target/out/summary.txt')
assert summary.isFile(): 'the guest wrote through its mount into the real directory'
assert summary.text == 'a.txt: 2 4 19\nb.txt: 1 2 12\n'
assert !log.contains('BUILD FAILURE')
true
