// The plugin as a release would publish it, read from the ITs' local repository where invoker:install put it.
import java.util.zip.ZipFile

def dir = new File(localRepositoryPath, 'ai/wippy/wippy-maven-plugin')
def version = dir.listFiles().find { it.isDirectory() }.name
def jar = new File(dir, "${version}/wippy-maven-plugin-${version}.jar")
def parentPom = new groovy.xml.XmlSlurper().parse(new File(localRepositoryPath,
        "ai/wippy/wippy-parent/${version}/wippy-parent-${version}.pom"))
def pluginPom = new groovy.xml.XmlSlurper().parse(new File(dir, "${version}/wippy-maven-plugin-${version}.pom"))

// POM metadata Maven Central requires (inherited from the parent)
assert parentPom.url.text()
assert parentPom.licenses.license.name.text() && parentPom.licenses.license.url.text()
assert parentPom.developers.developer.size() > 0
assert parentPom.scm.connection.text().startsWith('scm:git:') && parentPom.scm.url.text()
assert pluginPom.name.text() && pluginPom.description.text()

// reproducible: every entry carries project.build.outputTimestamp, pom.properties has no build date
def stamp = java.time.Instant.parse(parentPom.properties.'project.build.outputTimestamp'.text())
def zip = new ZipFile(jar)
try {
    def entries = zip.entries().toList()
    def times = entries.collect { it.lastModifiedTime.toInstant() } as Set
    assert times.size() == 1: "entries of ${jar.name} have ${times.size()} different times"
    assert Math.abs(times.first().epochSecond - stamp.epochSecond) <= 24 * 3600: "${times.first()} is not ${stamp}"
    def names = entries*.name
    def props = zip.getInputStream(zip.getEntry('META-INF/maven/ai.wippy/wippy-maven-plugin/pom.properties')).text
    assert !(props =~ /(?m)^#.*\d{4}/): "pom.properties carries a build date:\n${props}"

    // IDE: m2e's lifecycle mapping ships in the jar
    assert names.contains('META-INF/m2e/lifecycle-mapping-metadata.xml')
    // the help goal lives in the plugin's own package
    assert names.contains('ai/wippy/maven/HelpMojo.class')
    assert !names.any { it.startsWith('ai/wippy/wippy_maven_plugin/') }
    def descriptor = new groovy.xml.XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/maven/plugin.xml')))
    assert descriptor.mojos.mojo.find { it.goal == 'help' }.implementation.text() == 'ai.wippy.maven.HelpMojo'
} finally {
    zip.close()
}
true
