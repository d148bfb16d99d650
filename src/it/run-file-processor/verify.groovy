def log = new File(basedir, 'build.log').text
def summary = '{"input": "/data/input.csv", "rows": 3, "columns": ["name", "category", "amount"], "total": 39.75, "min": 7.25, "max": 20.00}\n'
// stdout of the guest
assert log.contains('cwd: /app'): 'getcwd() is the configured cwd (initial-cwd)'
assert log.contains('format: json'): 'OUTPUT_FORMAT from the env.variable entry'
assert log.contains('summary -> /output/summary.json')
assert log.contains(summary.trim())
assert log.contains('report -> report.txt (/app/report.txt: found)')
assert log.contains('write into /data/written-by-guest.txt: refused, errno EROFS (Read-only file system)')
// the files it wrote through its mounts, in the real directories
def out = new File(basedir, 'target/output/summary.json')
assert out.isFile(): 'the summary landed in the writable /output mount'
assert out.getText('UTF-8') == summary
def report = new File(basedir, 'target/app/report.txt')
assert report.isFile(): 'the relative report.txt was resolved against the cwd /app'
assert report.getText('UTF-8') == '3 rows of /data/input.csv summarised into /output/summary.json\n'
assert !new File(basedir, 'data/written-by-guest.txt').exists(): 'the read-only /data mount refused the write'
assert !log.contains('BUILD FAILURE')
true
