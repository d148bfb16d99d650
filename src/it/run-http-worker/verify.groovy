// mvn wippy:run -Dcommand=http_worker: the WASI 0.2 command GETs $API_URL/hello over wasi:http and
// prints the status and the body; the server saw exactly that request.
def server = System.properties.remove('wippy.it.run-http-worker.server')
def seen = System.properties.remove('wippy.it.run-http-worker.seen')
server?.stop(0)
def log = new File(basedir, 'build.log').text
assert log.contains('HTTP 200\nhello from the IT\n')
assert seen == ['GET /api/hello']
assert log.contains('BUILD SUCCESS')
true
