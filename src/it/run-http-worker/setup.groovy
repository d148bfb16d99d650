evaluate(new File(itShared, "prepare.groovy"))
// The worker's API: a loopback HTTP server in the invoker's JVM (the build runs in a forked Maven,
// which reaches it over loopback). Its URL goes to the guest through api.env, the file of the
// project's env.storage.file; verify.groovy stops the server.
import com.sun.net.httpserver.HttpServer

def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16)
def seen = Collections.synchronizedList([])
server.createContext('/api/hello') { exchange ->
    seen << "${exchange.requestMethod} ${exchange.requestURI}".toString()
    def body = 'hello from the IT'.getBytes('UTF-8')
    exchange.responseHeaders.add('Content-Type', 'text/plain')
    exchange.sendResponseHeaders(200, body.length)
    exchange.responseBody.withStream { it.write(body) }
}
server.start()
System.properties.put('wippy.it.run-http-worker.server', server)
System.properties.put('wippy.it.run-http-worker.seen', seen)
new File(basedir, 'api.env').text = "API_URL=http://127.0.0.1:${server.address.port}/api\n"
true
