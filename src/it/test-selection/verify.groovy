def log = new File(basedir, 'build.log').text
assert log.contains('WASM tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('PASS app.t.test:value_ok')
assert log.contains('PASS app.t.test:stdout_exact')
// a selection that matches nothing fails and says how to allow it; allowed, it passes
assert log.contains('[ERROR] Failed to execute goal ai.wippy:wippy-maven-plugin:')
assert log.contains('No WASM tests match wippy.test=nothing-matches (a test is a test.process entry, or a process.wasm'
        + ' entry with meta.type: test); set -Dwippy.test.failIfNoSpecifiedTests=false to allow a selection that matches nothing')
assert log.contains('No WASM tests match wippy.test=nothing-matches (a test is a test.process entry, or a process.wasm'
        + ' entry with meta.type: test) (allowed: wippy.test.failIfNoSpecifiedTests=false)')
assert log.contains('; wippy.test.failIfNoTests=true')

// shards: every test in exactly one of them, reports side by side, the same suite names inside
def all = ['value_ok', 'value_wrong', 'error_expected', 'times_out', 'stdout_exact', 'exit_code_three'] as Set
def reports = new File(basedir, 'target/wippy-reports')
def shardOf = [:]
['1', '2'].each { k ->
    reports.listFiles().findAll { it.name ==~ /TEST-.*-shard-${k}-of-2\.xml/ }.each { f ->
        def suite = new groovy.xml.XmlSlurper().parse(f)
        assert f.name == "TEST-${suite.@name}-shard-${k}-of-2.xml"
        assert suite.properties.property.find { it.@name == 'wippy.test.shard' }.@value == "${k}/2"
        suite.testcase.each { t ->
            assert t.@classname == suite.@name
            assert shardOf.put(t.@name.text(), k) == null: "${t.@name} in two shards"
        }
    }
}
assert shardOf.keySet() == all
def sizes = shardOf.values().countBy { it }
assert sizes['1'] == 3 && sizes['2'] == 3: "unbalanced shards: ${sizes}"
assert log =~ /Running 3 WASM tests of 6 \(shard 1\/2\)/
assert log =~ /Running 3 WASM tests of 6 \(shard 2\/2\)/
assert log.contains('wippy.test.shard must be k/n with 1 <= k <= n (shard k of n, e.g. 2/4), got 3/2')
assert !log.contains('\tat ai.wippy')

// the ITs run with their own local repository (-Dmaven.repo.local): compiled code is cached inside it
def cache = new File(localRepositoryPath, '.wippy/compiled')
assert cache.isDirectory() && cache.listFiles().any { it.name.endsWith('.entry') }: "no compiled-code cache in ${cache}"
true
