import java.nio.file.Files
evaluate(new File(itShared, "prepare.groovy"))
// The layout the escape prober expects: a secret outside the mount, symlinks pointing at it.
def outside = new File(basedir, 'outside'); outside.mkdirs()
new File(outside, 'secret.txt').text = 'TOP-SECRET\n'
def data = new File(basedir, 'data'); data.mkdirs()
def ro = new File(basedir, 'ro'); ro.mkdirs()
new File(ro, 'keep.txt').text = 'keep me\n'
Files.createSymbolicLink(new File(data, 'link_abs').toPath(), new File(outside, 'secret.txt').absoluteFile.toPath())
Files.createSymbolicLink(new File(data, 'link_rel').toPath(), new File('../outside/secret.txt').toPath())
Files.createSymbolicLink(new File(data, 'linkdir').toPath(), outside.absoluteFile.toPath())
true
