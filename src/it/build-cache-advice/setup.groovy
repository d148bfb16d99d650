evaluate(new File(itShared, "prepare.groovy"))
// The IT's own build cache (.mvn/maven.config), emptied before each run: a rerun must not start from a cache
// hit, and other ITs (and other checkouts) never share it.
new File(basedir, 'build-cache-store').deleteDir()
true
